using Edgewise.Core.Tests.Vibration;
using Edgewise.Processing;
using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Processing;

public sealed class DeviceStateVibrationTests
{
    private readonly DeviceState _state = new("rig-1");
    private readonly ProcessingOptions _options = new();

    [Fact]
    public void ApplyVibration_Windows_KeepsLatestFeaturesAndCountsAnomalies()
    {
        var first = Compute(Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1), "t1");
        var second = Compute(Readings.Vibration(Signals.Sine(1024, 2_000, 0.5), 2), "t2");

        _state.ApplyVibration(first.Task, first.Outcome, new VibrationScore(0, true, false));
        _state.ApplyVibration(second.Task, second.Outcome, new VibrationScore(7.5, false, true));

        var snapshot = _state.Snapshot();
        var channel = Assert.Single(snapshot.Vibration!);
        Assert.Equal(("vibration", "ch1", 2L), (channel.Kind, channel.Channel, channel.LastSequence));
        Assert.Equal(second.Outcome.Readings[0].Features, channel.Features);
        Assert.Equal((7.5, false, 2L, 1L), (channel.Score, channel.Learning, channel.Windows, channel.Anomalies));
        Assert.Equal(Readings.Start.AddSeconds(2), channel.LastTimestamp);
        Assert.Equal(2, snapshot.Readings);
        var kind = Assert.Single(snapshot.Kinds);
        Assert.Equal(("vibration", 2L, 1L, true), (kind.Kind, kind.Count, kind.Anomalies, kind.LastAnomaly));
    }

    [Fact]
    public void ApplyVibration_LateLowerSequence_DoesNotReplaceLatestWindow()
    {
        var latest = Compute(Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 9), "t1");
        var late = Compute(Readings.Vibration(Signals.Sine(1024, 2_000, 0.5), 4), "t2");

        _state.ApplyVibration(latest.Task, latest.Outcome, new VibrationScore(1, false, false));
        _state.ApplyVibration(late.Task, late.Outcome, new VibrationScore(2, false, false));

        var channel = Assert.Single(_state.Snapshot().Vibration!);
        Assert.Equal((9L, 1.0, 2L), (channel.LastSequence, channel.Score, channel.Windows));
    }

    [Fact]
    public void ApplyVibration_TwoChannels_OneSnapshotEach()
    {
        var x = Compute(Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1, "x"), "t1");
        var y = Compute(Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 2, "y"), "t2");

        _state.ApplyVibration(y.Task, y.Outcome, new VibrationScore(0, true, false));
        _state.ApplyVibration(x.Task, x.Outcome, new VibrationScore(0, true, false));

        Assert.Equal(["x", "y"], _state.Snapshot().Vibration!.Select(c => c.Channel));
    }

    [Fact]
    public void ApplyVibration_OutcomeWithoutFeatures_Throws()
    {
        var window = Compute(Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1), "t1");
        var bare = window.Outcome with { Readings = [window.Outcome.Readings[0] with { Features = null }] };

        Assert.Throws<ArgumentException>(
            () => _state.ApplyVibration(window.Task, bare, new VibrationScore(0, true, false)));
    }

    [Fact]
    public void Snapshot_ScalarOnly_HasNoVibration()
    {
        var task = Readings.Task([Readings.Temperature(20, 1, "rig-1")]);
        _state.Apply(task, TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a"));

        Assert.Null(_state.Snapshot().Vibration);
    }

    private (WorkTask Task, TaskOutcome Outcome) Compute(Edgewise.Readings.Reading reading, string taskId)
    {
        var task = Readings.VibrationTask([reading], taskId);

        return (task, TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a"));
    }
}
