using Edgewise.Cli.Lab;
using Edgewise.Lab.Scenarios;
using Edgewise.Placement;

namespace Edgewise.Cli.Tests.Lab;

public sealed class LiveBenchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edgewise-bench").FullName;

    [Fact]
    public async Task TinyScenario_ForTwoSeconds_EveryTaskCompletes_AndOffloadingShows()
    {
        var settings = new BenchSettings(["local", "least-loaded", "learned"], [], TimeSpan.FromSeconds(2), 25, 3, _root);
        var bench = new LiveBench(new InProcessLauncher(), settings);
        var scenario = new Scenario
        {
            Name = "tiny",
            Seed = 3,
            Nodes =
            [
                new ScenarioNode { Id = "slow", Workers = 1, Speed = 0.25 },
                new ScenarioNode { Id = "node", Count = 4, Workers = 1, Speed = 1 },
            ],
            Devices = new DeviceSpec { Count = 20, Homes = "hot-spot", HotNode = "slow", HotShare = 0.8 },
            Workload = new WorkloadSpec { Costs = "deterministic", MeanCostMs = 1, VibrationShare = 0.7, VibrationWindowSamples = 2048, ScalarBatchReadings = 8 },
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var scaled = bench.Scale(scenario);
        var result = await bench.RunAsync(scaled, null, new PolicyCatalog(), TextWriter.Null, timeout.Token);

        Assert.Equal(["slow", "node-1", "node-2"], scaled.Nodes.Select(node => node.Id));
        Assert.Equal(50, scaled.Tasks);
        Assert.Equal(["learned"], result.Unavailable);
        Assert.Equal(2, result.Results.Count);
        Assert.All(result.Results, r => Assert.Equal(0, r.FailedTotal));
        Assert.All(result.Results, r => Assert.True(r.Completed >= 30, $"{r.Policy} completed {r.Completed}"));
        Assert.Equal(0, result.Results[0].Offloaded);
        Assert.True(result.Results[1].Offloaded > 0);
        Assert.True(bench.MeasuredServiceMs > 0);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
