using Edgewise.Simulator.Sending;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests;

public sealed class SimulationTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);
    private static readonly Uri[] _nodes = [new("http://127.0.0.1:5101"), new("http://127.0.0.1:5102")];

    [Fact]
    public async Task RunAsync_TwoFiniteDevices_SendsEveryReadingToItsHomeNodeInOrder()
    {
        var handler = new FakeIngestHandler();
        var options = new SimulationOptions { Targets = _nodes, SpeedUp = 1_000 };
        var progress = new List<SimulationProgress>();

        var summary = await new Simulation(TimeProvider.System, handler).RunAsync(
            options,
            [new ListDevice("a", false, 0, 1, 2, 3, 4), new ListDevice("b", false, 0, 1, 2, 3, 4)],
            new SynchronousProgress(progress.Add),
            CancellationToken.None).WaitAsync(_timeout);

        Assert.Equal(SimulationStopReason.DataEnded, summary.StopReason);
        Assert.Equal(
            (10L, 10L, 10L, 0L, 0L),
            (summary.Dispatched, summary.Sent, summary.Acknowledged, summary.Rejected, summary.Failed));
        Assert.Equal([1, 1], _nodes.Select(node => summary.DevicesPerNode[node]));
        Assert.True(summary.Acknowledgements.Contains(new AcknowledgedReading(_nodes[0], "a", 5)));
        Assert.True(summary.Acknowledgements.Contains(new AcknowledgedReading(_nodes[1], "b", 5)));
        Assert.Equal(
            [1L, 2, 3, 4, 5],
            handler.Requests.SelectMany(r => r.Readings).Where(r => r.DeviceId == "a").Select(r => r.Sequence));
        Assert.Equal(10, progress[^1].Acknowledged);
    }

    [Fact]
    public async Task RunAsync_WsnDataForAShortDuration_SettlesEverythingItDispatched()
    {
        var handler = new FakeIngestHandler();
        var options = new SimulationOptions
        {
            Targets = _nodes,
            Datasets = ["wsn", "synthetic"],
            SyntheticDevices = 2,
            SpeedUp = 5_000,
            Duration = TimeSpan.FromMilliseconds(300),
            Skew = 0.8,
            DataDirectory = TestData.Directory,
        };

        var summary = await new Simulation(TimeProvider.System, handler)
            .RunAsync(options, progress: null, CancellationToken.None)
            .WaitAsync(_timeout);

        Assert.Equal(SimulationStopReason.DurationElapsed, summary.StopReason);
        Assert.Equal(10, summary.DevicesPerNode.Values.Sum());
        Assert.Equal(8, summary.DevicesPerNode[_nodes[0]]);
        Assert.True(summary.Dispatched > 100);
        Assert.Equal(summary.Dispatched, summary.Acknowledged);
        Assert.Equal(summary.Dispatched, summary.Acknowledgements.Count);
        Assert.True(summary.AllAcknowledged);
    }

    [Fact]
    public async Task RunAsync_NoTargets_Throws()
    {
        var simulation = new Simulation(TimeProvider.System, new FakeIngestHandler());

        await Assert.ThrowsAsync<ArgumentException>(
            () => simulation.RunAsync(new SimulationOptions(), null, CancellationToken.None));
    }

    private sealed class SynchronousProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
