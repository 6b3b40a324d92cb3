using Edgewise.Examples.Policy;
using Edgewise.Lab.Engine;
using Edgewise.Lab.Scenarios;
using Edgewise.Lab.Tests.Fakes;
using Edgewise.Placement;

namespace Edgewise.Lab.Tests.Engine;

public sealed class ComparisonTests
{
    private static readonly string[] _classic = [.. PlacementPolicies.Names, LabPolicies.Oracle];

    [Fact]
    public void EveryPolicy_SeesExactlyTheSameArrivals()
    {
        var comparison = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(50_000), null, _classic);

        Assert.Equal(_classic.Length, comparison.Results.Count);
        Assert.Single(comparison.Results.Select(r => r.ArrivalChecksum).Distinct());
        Assert.All(comparison.Results, r => Assert.Equal(50_000, r.Arrived));
        Assert.All(comparison.Results, r => Assert.Equal(50_000, r.Completed));
    }

    [Fact]
    public void SameSeed_GivesTheSameReport()
    {
        var first = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(30_000), null, _classic);
        var second = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(30_000), null, _classic);

        Assert.Equal(Figures(first), Figures(second));
    }

    [Fact]
    public void OtherSeed_GivesOtherArrivals()
    {
        var scenario = TestScenarios.Heterogeneous(10_000);
        var first = new Comparison(new PolicyCatalog()).Run(scenario, null, ["random"]);
        var second = new Comparison(new PolicyCatalog()).Run(scenario with { Seed = scenario.Seed + 1 }, null, ["random"]);

        Assert.NotEqual(first.Results[0].ArrivalChecksum, second.Results[0].ArrivalChecksum);
    }

    [Fact]
    public void Oracle_BeatsLocalAndRandom_OnAHeterogeneousCluster()
    {
        var results = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(50_000), null, ["local", "random", "oracle"]).Results;

        Assert.True(results[2].P99Ms < results[0].P99Ms, $"oracle p99 {results[2].P99Ms} vs local {results[0].P99Ms}");
        Assert.True(results[2].P99Ms < results[1].P99Ms, $"oracle p99 {results[2].P99Ms} vs random {results[1].P99Ms}");
    }

    [Fact]
    public void LocalPolicy_NeverOffloads_AndLoadsOnlyHomes()
    {
        var result = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(20_000), null, ["local"]).Results[0];

        Assert.Equal(0, result.Offloaded);
        Assert.Equal(20_000, result.Nodes.Sum(node => node.Ran));
    }

    [Fact]
    public void UnknownPolicy_IsReportedUnavailable_NotRun()
    {
        var comparison = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(1_000), null, ["learned", "local"]);

        Assert.Equal(["learned"], comparison.Unavailable);
        Assert.Equal("local", Assert.Single(comparison.Results).Policy);
    }

    [Fact]
    public void MisspelledPolicy_FailsBeforeAnythingRuns_NamingTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(1_000), null, ["local", "two-choice"]));

        Assert.Contains("'two-choice'", error.Message, StringComparison.Ordinal);
        Assert.Contains("two-choices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisteredPolicy_RunsUnderItsName()
    {
        var catalog = new PolicyCatalog();
        catalog.Register("learned", () => new LeastWorkPolicy());

        var comparison = new Comparison(catalog).Run(TestScenarios.Heterogeneous(1_000), null, ["learned"]);

        Assert.Empty(comparison.Unavailable);
        Assert.Equal(1_000, Assert.Single(comparison.Results).Completed);
    }

    [Fact]
    public void PolicyFromAUserAssembly_RunsInTheSimulator()
    {
        var catalog = new PolicyCatalog();
        var names = catalog.LoadAssembly(typeof(LeastWorkPolicy).Assembly.Location);

        var result = new Comparison(catalog).Run(TestScenarios.Heterogeneous(20_000), null, ["least-work"]).Results[0];

        Assert.Equal(["least-work"], names);
        Assert.Equal(20_000, result.Completed);
        Assert.True(result.Offloaded > 0);
    }

    [Fact]
    public void FailingPeer_TasksAreRetriedElsewhere_AndEveryTaskIsAccountedFor()
    {
        var scenario = TestScenarios.Heterogeneous(60_000) with
        {
            Failures = [new FailureSpec { Node = "node-2", DownAtMs = 2_000, UpAtMs = 6_000 }],
        };

        var results = new Comparison(new PolicyCatalog()).Run(scenario, null, ["round-robin", "local"]).Results;

        var roundRobin = results[0];
        Assert.True(roundRobin.Retried > 0);
        Assert.Equal(roundRobin.Arrived, roundRobin.Completed + roundRobin.FailedTotal);
        Assert.Contains(roundRobin.Failed.Keys, cause => cause.Contains("home node down", StringComparison.Ordinal));
        Assert.Equal(0, results[1].Retried);
        Assert.Equal(results[1].Arrived, results[1].Completed + results[1].FailedTotal);
    }

    [Fact]
    public void StaleReports_ShowInTheViewAgeThePolicySees()
    {
        var recorder = new AgeRecorder();
        var catalog = new PolicyCatalog();
        catalog.Register("recorder", () => recorder);

        new Comparison(catalog).Run(TestScenarios.Heterogeneous(20_000, reportMs: 2_000), null, ["recorder"]);

        Assert.InRange(recorder.OldestMs, 1_000, 2_500);
    }

    [Fact]
    public void Traces_GoToTheSink_OnePerCompletedTask()
    {
        var sink = new MemoryTraceSink();
        var result = new Comparison(new PolicyCatalog()).Run(TestScenarios.Heterogeneous(5_000), null, ["two-choices"], _ => sink).Results[0];

        Assert.Equal(result.Completed, sink.Traces.Count);
        Assert.All(sink.Traces, trace => Assert.True(trace.LatencyMs > 0));
        Assert.All(sink.Traces, trace => Assert.Equal(trace.HomeNodeId == trace.ChosenNodeId, trace.Features.IsSelf));
        Assert.All(sink.Traces, trace => Assert.Equal("two-choices", trace.Policy));
    }

    private static string Figures(ComparisonResult comparison) => string.Join(
        "\n",
        comparison.Results.Select(r => $"{r.Policy} {r.Completed} {r.MeanMs:R} {r.P99Ms:R} {r.Offloaded} {string.Join(',', r.Nodes.Select(n => n.Utilisation.ToString("R")))}"));

    private sealed class AgeRecorder : IPlacementPolicy
    {
        public double OldestMs { get; private set; }

        public string Name => "recorder";

        public int Choose(PlacementTask task, IReadOnlyList<PlacementCandidate> candidates, PlacementContext context)
        {
            foreach (var candidate in candidates)
            {
                if (!candidate.IsSelf)
                {
                    OldestMs = Math.Max(OldestMs, candidate.Load.Age.TotalMilliseconds);
                }
            }

            return 0;
        }
    }
}
