using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Core.Tests.Processing;

public sealed class DeviceStateTests
{
    private readonly DeviceState _state = new("T_1");

    [Fact]
    public void Apply_TwoTasks_MergesStatisticsLikeOneStream()
    {
        Apply(Readings.Task([Readings.Temperature(20, 1), Readings.Temperature(22, 2)]));
        Apply(Readings.Task([Readings.Temperature(24, 3)], _state.Baselines(), "task-2"));

        var baseline = Assert.Single(_state.Baselines());
        Assert.Equal("temperature", baseline.Kind);
        Assert.Equal(3, baseline.Statistics.Count);
        Assert.Equal(22, baseline.Statistics.Mean, 9);
        Assert.Equal(2, baseline.Statistics.StandardDeviation, 9);
    }

    [Fact]
    public void Apply_LateLowerSequence_DoesNotReplaceLatestReading()
    {
        Apply(Readings.Task([Readings.Temperature(25, 10)]));
        Apply(Readings.Task([Readings.Temperature(18, 4)], taskId: "late"));

        var kind = Assert.Single(_state.Snapshot().Kinds);
        Assert.Equal(25, kind.LastValue);
        Assert.Equal(10, kind.LastSequence);
        Assert.Equal(2, kind.Count);
        Assert.Equal(21.5, kind.Mean, 9);
    }

    [Fact]
    public void Apply_OutOfRangeAndAnomalies_CountedAndKeptOutOfStatistics()
    {
        var steady = Enumerable.Range(0, 20).Select(i => Readings.Temperature(20 + (i % 2), i));
        var readings = steady
            .Append(Readings.Temperature(900, 20))
            .Append(Readings.Temperature(35, 21))
            .ToList();

        Apply(Readings.Task(readings));

        var kind = Assert.Single(_state.Snapshot().Kinds);
        Assert.Equal(22, kind.Count);
        Assert.Equal(1, kind.OutOfRange);
        Assert.True(kind.Anomalies >= 1);
        Assert.True(kind.LastAnomaly);
        Assert.Equal(35, kind.LastValue);
        Assert.Equal(21, Assert.Single(_state.Baselines()).Statistics.Count);
    }

    [Fact]
    public void Snapshot_AfterInactiveReading_ReportsStatusAndNullValue()
    {
        Apply(Readings.Task([Readings.Temperature(20, 1), Readings.Temperature(null, 2)]));

        var snapshot = _state.Snapshot();

        Assert.Equal("T_1", snapshot.DeviceId);
        Assert.Equal(2, snapshot.Readings);
        Assert.Equal(Readings.Start, snapshot.LastSeen);
        var kind = Assert.Single(snapshot.Kinds);
        Assert.Null(kind.LastValue);
        Assert.Equal("INACTIVE", kind.LastStatus);
        Assert.Equal("°C", kind.Unit);
        Assert.Equal(Readings.Start.AddSeconds(2), kind.LastTimestamp);
    }

    [Fact]
    public void Snapshot_SeveralKinds_OrderedByName()
    {
        var humidity = new Reading("T_1", "humidity", 40, "%", Readings.Start, 1, ReadingStatus.Active);
        Apply(Readings.Task([Readings.Temperature(20, 1), humidity]));

        Assert.Equal(["humidity", "temperature"], _state.Snapshot().Kinds.Select(k => k.Kind));
    }

    [Fact]
    public void Apply_OutcomeOfOtherLength_Throws()
    {
        var task = Readings.Task([Readings.Temperature(20, 1)]);
        var outcome = new TaskOutcome("task-1", "node-a", [], [], 0);

        Assert.Throws<ArgumentException>(() => _state.Apply(task, outcome));
    }

    [Fact]
    public void Apply_ManyThreads_CountsEveryReading()
    {
        Parallel.For(0, 200, i =>
            Apply(Readings.Task([Readings.Temperature(20 + (i % 5), i)], taskId: $"t{i}")));

        var snapshot = _state.Snapshot();
        Assert.Equal(200, snapshot.Readings);
        Assert.Equal(199, Assert.Single(snapshot.Kinds).LastSequence);
        Assert.Equal(200, Assert.Single(_state.Baselines()).Statistics.Count);
    }

    private void Apply(WorkTask task) =>
        _state.Apply(task, TaskComputation.Compute(task, Readings.Catalogue, new ProcessingOptions(), "n"));
}
