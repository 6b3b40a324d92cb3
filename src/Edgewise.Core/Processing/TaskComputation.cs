using Edgewise.Placement;
using Edgewise.Readings;
using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Processing;

/// <summary>
/// The computation of a task, on whichever node runs it. A scalar value outside its kind's
/// plausible range is kept and flagged but never enters the statistics, so one broken sensor's
/// spike cannot widen the baseline that later values are judged against. A vibration window gets
/// its features here; its anomaly score is left to the home node, which holds the baseline.
/// </summary>
public static class TaskComputation
{
    // VibrationAnalyzer is thread-safe and keeps its buffers per thread, so one instance serves all.
    private static readonly VibrationAnalyzer _defaultAnalyzer = new();

    /// <summary>
    /// Computes <paramref name="task"/> as the overload with an analyzer does; a vibration task is
    /// analysed with the default <see cref="VibrationOptions"/> (default bands).
    /// </summary>
    public static TaskOutcome Compute(
        WorkTask task,
        KindCatalogue catalogue,
        ProcessingOptions options,
        string processedBy) =>
        Compute(task, catalogue, options, _defaultAnalyzer, processedBy);

    /// <summary>
    /// Computes <paramref name="task"/>. A scalar task judges each reading in order: out of range
    /// against the kind's plausible range (a kind this node's catalogue lacks counts as in range),
    /// and by z-score against the device's baseline merged with the batch's in-range values seen
    /// so far. A vibration task (one reading with samples) gets its features from
    /// <paramref name="analyzer"/>, OutOfRange when any sample lies outside the kind's range, no
    /// z-score, no anomaly and an empty batch. Pure: the same inputs always give the same outcome,
    /// with a service time of zero.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A vibration task does not hold exactly one reading with samples and a sample rate, or the
    /// analyzer refuses its window.
    /// </exception>
    public static TaskOutcome Compute(
        WorkTask task,
        KindCatalogue catalogue,
        ProcessingOptions options,
        VibrationAnalyzer analyzer,
        string processedBy)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(processedBy);

        return task.Kind == TaskKind.Vibration
            ? ComputeVibration(task, catalogue, analyzer, processedBy)
            : ComputeScalar(task, catalogue, options, processedBy);
    }

    private static TaskOutcome ComputeScalar(
        WorkTask task,
        KindCatalogue catalogue,
        ProcessingOptions options,
        string processedBy)
    {
        // A device sends a handful of kinds, so a short list searched in order is cheaper than
        // two dictionaries per task; the batch's statistics keep the order kinds first appeared.
        var batch = new List<(string Kind, RunningStatistics Statistics)>(1);
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

            var slot = IndexOf(batch, reading.Kind);
            var batchSoFar = slot < 0 ? default : batch[slot].Statistics;
            var history = BaselineOf(task.Baselines, reading.Kind).Merge(batchSoFar);
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
                if (slot < 0)
                {
                    batch.Add((reading.Kind, batchSoFar.Add(value)));
                }
                else
                {
                    batch[slot] = (batch[slot].Kind, batchSoFar.Add(value));
                }
            }
        }

        var batchStatistics = batch.ConvertAll(entry => new KindBaseline(entry.Kind, entry.Statistics));

        return new TaskOutcome(task.TaskId, processedBy, outcomes, batchStatistics, 0);
    }

    private static int IndexOf(List<(string Kind, RunningStatistics Statistics)> statistics, string kind)
    {
        for (var i = 0; i < statistics.Count; i++)
        {
            if (string.Equals(statistics[i].Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static RunningStatistics BaselineOf(IReadOnlyList<KindBaseline> baselines, string kind)
    {
        // Later entries win, as a dictionary filled in order would have had it.
        for (var i = baselines.Count - 1; i >= 0; i--)
        {
            if (string.Equals(baselines[i].Kind, kind, StringComparison.OrdinalIgnoreCase))
            {
                return baselines[i].Statistics;
            }
        }

        return default;
    }

    private static TaskOutcome ComputeVibration(
        WorkTask task,
        KindCatalogue catalogue,
        VibrationAnalyzer analyzer,
        string processedBy)
    {
        if (task.Readings is not [{ Samples: { } samples, SampleRate: { } sampleRate } reading])
        {
            throw new ArgumentException(
                $"Vibration task {task.TaskId} must hold exactly one reading with samples and a"
                    + $" sample rate; it holds {task.Readings.Count} readings.",
                nameof(task));
        }

        var features = analyzer.Analyze(samples, sampleRate);
        var outOfRange = catalogue.TryGet(reading.Kind, out var kind) && AnyOutside(samples, kind);
        var outcome = new ReadingOutcome(reading.Sequence, reading.Kind, outOfRange, null, false)
        {
            Features = features,
        };

        return new TaskOutcome(task.TaskId, processedBy, [outcome], [], 0);
    }

    private static bool AnyOutside(float[] samples, KindDefinition kind)
    {
        foreach (var sample in samples)
        {
            if (sample < kind.Min || sample > kind.Max)
            {
                return true;
            }
        }

        return false;
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
