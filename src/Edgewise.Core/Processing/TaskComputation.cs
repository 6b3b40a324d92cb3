using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Processing;

/// <summary>
/// The computation of a scalar task, on whichever node runs it. A value outside its kind's
/// plausible range is kept and flagged but never enters the statistics, so one broken sensor's
/// spike cannot widen the baseline that later values are judged against.
/// </summary>
public static class TaskComputation
{
    /// <summary>
    /// Judges each reading of <paramref name="task"/> in order: out of range against the kind's
    /// plausible range (a kind this node's catalogue lacks counts as in range), and by z-score
    /// against the device's baseline merged with the batch's in-range values seen so far. Pure:
    /// the same inputs always give the same outcome, with a service time of zero.
    /// </summary>
    public static TaskOutcome Compute(
        WorkTask task,
        KindCatalogue catalogue,
        ProcessingOptions options,
        string processedBy)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processedBy);

        var baselines = new Dictionary<string, RunningStatistics>(StringComparer.OrdinalIgnoreCase);
        foreach (var baseline in task.Baselines)
        {
            baselines[baseline.Kind] = baseline.Statistics;
        }

        var batch = new Dictionary<string, RunningStatistics>(StringComparer.OrdinalIgnoreCase);
        var batchOrder = new List<string>();
        var outcomes = new ReadingOutcome[task.Readings.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var reading = task.Readings[i];
            if (reading.Value is not { } value)
            {
                outcomes[i] = new ReadingOutcome(reading.Sequence, reading.Kind, false, null, false);
                continue;
            }

            var outOfRange = catalogue.TryGet(reading.Kind, out var kind)
                && (value < kind.Min || value > kind.Max);

            batch.TryGetValue(reading.Kind, out var batchSoFar);
            var history = baselines.GetValueOrDefault(reading.Kind).Merge(batchSoFar);
            var zScore = ZScore(value, history, options);
            var anomaly = zScore is { } z && Math.Abs(z) >= options.ZScoreThreshold;
            outcomes[i] = new ReadingOutcome(
                reading.Sequence,
                reading.Kind,
                outOfRange,
                zScore,
                anomaly);

            if (!outOfRange)
            {
                if (batchSoFar.Count == 0)
                {
                    batchOrder.Add(reading.Kind);
                }

                batch[reading.Kind] = batchSoFar.Add(value);
            }
        }

        var batchStatistics = batchOrder.ConvertAll(k => new KindBaseline(k, batch[k]));

        return new TaskOutcome(task.TaskId, processedBy, outcomes, batchStatistics, 0);
    }

    private static double? ZScore(double value, RunningStatistics history, ProcessingOptions options)
    {
        if (history.Count < options.MinSamplesForZScore)
        {
            return null;
        }

        var deviation = history.StandardDeviation;

        return deviation > 0 ? (value - history.Mean) / deviation : null;
    }
}
