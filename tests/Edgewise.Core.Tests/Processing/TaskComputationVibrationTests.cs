using Edgewise.Core.Tests.Vibration;
using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Processing;

public sealed class TaskComputationVibrationTests
{
    private readonly ProcessingOptions _options = new();

    [Fact]
    public void Compute_VibrationTask_GivesTheAnalyzersFeaturesAndNoScore()
    {
        var samples = Signals.Sine(4096, 1_000, 0.5);
        var task = Readings.VibrationTask([Readings.Vibration(samples, 3)]);

        var outcome = TaskComputation.Compute(task, Readings.Catalogue, _options, "node-b");

        var expected = new VibrationAnalyzer().Analyze(samples, Signals.SampleRateHz);
        var reading = Assert.Single(outcome.Readings);
        Assert.Equal((3L, "vibration", false, (double?)null, false), (
            reading.Sequence, reading.Kind, reading.OutOfRange, reading.ZScore, reading.Anomaly));
        Assert.NotNull(reading.Features);
        Assert.Equal(expected.Rms, reading.Features.Rms, 12);
        Assert.Equal(expected.DominantFrequencyHz, reading.Features.DominantFrequencyHz);
        Assert.Equal(expected.BandEnergies, reading.Features.BandEnergies);
        Assert.Empty(outcome.Batch);
        Assert.Equal(("task-v", "node-b", 0.0), (outcome.TaskId, outcome.ProcessedBy, outcome.ServiceTimeMs));
    }

    [Fact]
    public void Compute_WithAnAnalyzer_UsesItsBands()
    {
        var analyzer = new VibrationAnalyzer(new VibrationOptions { Bands = [new(0, 2_000)] });
        var task = Readings.VibrationTask([Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1)]);

        var outcome = TaskComputation.Compute(task, Readings.Catalogue, _options, analyzer, "node-a");

        Assert.Single(outcome.Readings[0].Features!.BandEnergies);
    }

    [Theory]
    [InlineData(499.9f, false)]
    [InlineData(500.5f, true)]
    [InlineData(-600f, true)]
    public void Compute_OneSampleOutsideTheKindsRange_FlagsTheWindow(float sample, bool outOfRange)
    {
        var samples = Signals.Sine(1024, 1_000, 0.5);
        samples[100] = sample;
        var task = Readings.VibrationTask([Readings.Vibration(samples, 1)]);

        var outcome = TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a");

        Assert.Equal(outOfRange, outcome.Readings[0].OutOfRange);
        Assert.NotNull(outcome.Readings[0].Features);
    }

    [Fact]
    public void Compute_VibrationTaskWithTwoWindows_Throws()
    {
        var window = Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1);
        var task = Readings.VibrationTask([window, window]);

        Assert.Throws<ArgumentException>(
            () => TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a"));
    }

    [Fact]
    public void Compute_VibrationReadingWithoutSamples_Throws()
    {
        var bare = Readings.Vibration(Signals.Sine(1024, 1_000, 0.5), 1) with { Samples = null };
        var task = Readings.VibrationTask([bare]);

        Assert.Throws<ArgumentException>(
            () => TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a"));
    }

    [Fact]
    public void Placement_VibrationTask_SizeIsTheSampleCount()
    {
        var task = Readings.VibrationTask([Readings.Vibration(new float[4096], 1)]);

        Assert.Equal(new PlacementTask(TaskKind.Vibration, 4096), task.Placement);
    }

    [Fact]
    public void Placement_ScalarTask_SizeIsTheReadingCount()
    {
        var task = Readings.Task([Readings.Temperature(20, 1), Readings.Temperature(21, 2)]);

        Assert.Equal(new PlacementTask(TaskKind.Scalar, 2), task.Placement);
    }
}
