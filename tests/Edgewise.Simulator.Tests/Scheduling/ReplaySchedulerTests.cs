using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Scheduling;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Scheduling;

public sealed class ReplaySchedulerTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_SpeedUpTen_ReleasesTicksInOffsetOrderAtOffsetOverTen()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var released = new List<(string Device, int Readings, double AtSeconds)>();
        IDeviceSource[] devices =
        [
            new ListDevice("a", false, 0, 10, 20),
            new ListDevice("b", false, 5, 5, 15),
        ];

        var run = new ReplayScheduler(time).RunAsync(
            devices,
            start,
            speedUp: 10,
            duration: null,
            tick => released.Add((tick[0].DeviceId, tick.Count, (time.GetUtcNow() - start).TotalSeconds)),
            CancellationToken.None);
        await time.DriveAsync(run, _timeout);

        Assert.Equal(SimulationStopReason.DataEnded, await run);
        Assert.Equal(
            [("a", 1, 0.0), ("b", 2, 0.5), ("a", 1, 1.0), ("b", 1, 1.5), ("a", 1, 2.0)],
            released);
    }

    [Fact]
    public async Task RunAsync_Duration_StopsBeforeTheFirstTickPastIt()
    {
        var time = new ManualTimeProvider();
        var released = new List<long>();
        var device = new SyntheticTemperatureDevice("T_1", new Random(1));

        var run = new ReplayScheduler(time).RunAsync(
            [device],
            time.GetUtcNow(),
            speedUp: 5,
            duration: TimeSpan.FromSeconds(3.5),
            tick => released.Add(tick[0].Sequence),
            CancellationToken.None);
        await time.DriveAsync(run, _timeout);

        Assert.Equal(SimulationStopReason.DurationElapsed, await run);
        Assert.Equal([1L, 2, 3, 4], released);
    }

    [Fact]
    public async Task RunAsync_EndlessBesideFinite_StopsWhenTheFiniteDataEnds()
    {
        var time = new ManualTimeProvider();
        var released = new List<string>();

        var run = new ReplayScheduler(time).RunAsync(
            [new ListDevice("endless", true, 0, 1), new ListDevice("file", false, 0, 2)],
            time.GetUtcNow(),
            speedUp: 1,
            duration: null,
            tick => released.Add(tick[0].DeviceId),
            CancellationToken.None);
        await time.DriveAsync(run, _timeout);

        Assert.Equal(SimulationStopReason.DataEnded, await run);
        Assert.Equal(["endless", "file", "endless", "file"], released);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReportsCancelled()
    {
        var time = new ManualTimeProvider();
        using var cancel = new CancellationTokenSource();

        var run = new ReplayScheduler(time).RunAsync(
            [new ListDevice("endless", true, 0, 1)],
            time.GetUtcNow(),
            speedUp: 1,
            duration: null,
            _ => cancel.Cancel(),
            cancel.Token);

        Assert.Equal(SimulationStopReason.Cancelled, await run.WaitAsync(_timeout));
    }
}
