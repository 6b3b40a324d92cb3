using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Core.Tests.Processing;

public sealed class TaskComputationTests
{
    private readonly ProcessingOptions _options = new();

    [Fact]
    public void Compute_SpikeAfterFiftySteadyValues_FlagsAnomaly()
    {
        var readings = Enumerable.Range(0, 50)
            .Select(i => Readings.Temperature(20 + (0.1 * (i % 5)), i))
            .Append(Readings.Temperature(40, 50))
            .ToList();

        var outcome = Compute(Readings.Task(readings));

        var spike = outcome.Readings[^1];
        Assert.True(spike.Anomaly);
        Assert.False(spike.OutOfRange);
        Assert.True(spike.ZScore > 3, $"z = {spike.ZScore}");
        Assert.All(outcome.Readings.Take(50), r => Assert.False(r.Anomaly));
    }

    [Fact]
    public void Compute_FewerSamplesThanMinimum_NoZScore()
    {
        var readings = Enumerable.Range(0, 9).Select(i => Readings.Temperature(20 + i, i)).ToList();
        readings.Add(Readings.Temperature(80, 9));

        var outcome = Compute(Readings.Task(readings));

        Assert.All(outcome.Readings, r => Assert.Null(r.ZScore));
        Assert.All(outcome.Readings, r => Assert.False(r.Anomaly));
    }

    [Fact]
    public void Compute_TenthValueWithTenInHistory_GetsZScore()
    {
        var readings = Enumerable.Range(0, 11).Select(i => Readings.Temperature(20 + (i % 2), i)).ToList();

        var outcome = Compute(Readings.Task(readings));

        Assert.Null(outcome.Readings[9].ZScore);
        Assert.NotNull(outcome.Readings[10].ZScore);
    }

    [Fact]
    public void Compute_ConstantHistory_NoZScoreBecauseDeviationIsZero()
    {
        var readings = Enumerable.Range(0, 20).Select(i => Readings.Temperature(21, i)).ToList();

        var outcome = Compute(Readings.Task(readings));

        Assert.All(outcome.Readings, r => Assert.Null(r.ZScore));
    }

    [Fact]
    public void Compute_BaselineFromHomeNode_UsedForFirstReading()
    {
        var baseline = new KindBaseline("temperature", Readings.Statistics([19, 20, 21, 19, 20, 21, 19, 20, 21, 20]));
        var task = Readings.Task([Readings.Temperature(30, 1)], [baseline]);

        var outcome = Compute(task);

        var z = Assert.Single(outcome.Readings).ZScore;
        Assert.NotNull(z);
        Assert.Equal((30 - 20) / baseline.Statistics.StandardDeviation, z.Value, 9);
        Assert.True(outcome.Readings[0].Anomaly);
    }

    [Fact]
    public void Compute_OutOfRangeValue_KeptFlaggedAndExcludedFromStatistics()
    {
        var readings = new[]
        {
            Readings.Temperature(20, 1),
            Readings.Temperature(500, 2),
            Readings.Temperature(-60, 3),
            Readings.Temperature(22, 4),
        };

        var outcome = Compute(Readings.Task(readings));

        Assert.Equal([false, true, true, false], outcome.Readings.Select(r => r.OutOfRange));
        Assert.Equal([1L, 2L, 3L, 4L], outcome.Readings.Select(r => r.Sequence));
        var batch = Assert.Single(outcome.Batch);
        Assert.Equal("temperature", batch.Kind);
        Assert.Equal(Readings.Statistics([20, 22]), batch.Statistics);
    }

    [Fact]
    public void Compute_OutOfRangeSpike_DoesNotWidenBaselineForLaterValues()
    {
        var steady = Enumerable.Range(0, 20).Select(i => Readings.Temperature(20 + (0.1 * (i % 3)), i));
        var readings = steady
            .Append(Readings.Temperature(1000, 20))
            .Append(Readings.Temperature(25, 21))
            .ToList();

        var outcome = Compute(Readings.Task(readings));

        Assert.True(outcome.Readings[20].OutOfRange);
        Assert.True(outcome.Readings[21].Anomaly, "the spike must not hide the later jump");
    }

    [Fact]
    public void Compute_ReadingWithoutValue_PlainOutcomeAndNoStatistics()
    {
        var outcome = Compute(Readings.Task([Readings.Temperature(null, 1)]));

        Assert.Equal(new ReadingOutcome(1, "temperature", false, null, false), Assert.Single(outcome.Readings));
        Assert.Empty(outcome.Batch);
    }

    [Fact]
    public void Compute_KindMissingFromCatalogue_TreatedAsInRange()
    {
        var reading = new Reading(
            "d",
            "pressure",
            5000,
            "hPa",
            Readings.Start,
            1,
            ReadingStatus.Active);
        var catalogue = new KindCatalogue([new KindDefinition("temperature", "°C", -40, 85)]);

        var outcome = TaskComputation.Compute(Readings.Task([reading]), catalogue, _options, "node-b");

        Assert.False(Assert.Single(outcome.Readings).OutOfRange);
        Assert.Equal(1, Assert.Single(outcome.Batch).Statistics.Count);
    }

    [Fact]
    public void Compute_SeveralKinds_BatchPerKindAndOutcomeFields()
    {
        var humidity = new Reading("T_1", "humidity", 40, "%", Readings.Start, 2, ReadingStatus.Active);
        var task = Readings.Task([Readings.Temperature(20, 1), humidity, Readings.Temperature(22, 3)]);

        var outcome = TaskComputation.Compute(task, Readings.Catalogue, _options, "node-b");

        Assert.Equal("task-1", outcome.TaskId);
        Assert.Equal("node-b", outcome.ProcessedBy);
        Assert.Equal(0, outcome.ServiceTimeMs);
        Assert.Equal(["temperature", "humidity"], outcome.Batch.Select(b => b.Kind));
        Assert.Equal(2, outcome.Batch[0].Statistics.Count);
        Assert.Equal(1, outcome.Batch[1].Statistics.Count);
    }

    [Fact]
    public void Compute_LowerThreshold_FlagsSmallerDeviation()
    {
        var readings = Enumerable.Range(0, 30)
            .Select(i => Readings.Temperature(20 + (i % 2), i))
            .Append(Readings.Temperature(21.8, 30))
            .ToList();
        var strict = new ProcessingOptions { ZScoreThreshold = 1.5 };

        var normal = Compute(Readings.Task(readings));
        var flagged = TaskComputation.Compute(Readings.Task(readings), Readings.Catalogue, strict, "n");

        Assert.False(normal.Readings[^1].Anomaly);
        Assert.True(flagged.Readings[^1].Anomaly);
    }

    private TaskOutcome Compute(WorkTask task) =>
        TaskComputation.Compute(task, Readings.Catalogue, _options, "node-a");
}
