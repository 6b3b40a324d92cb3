using Edgewise.Readings;
using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Processing;

/// <summary>
/// One device's running state on its home node: statistics per kind, the latest reading per kind,
/// the latest window and score per vibration channel, and counters. Tasks' outcomes are folded in
/// as they return, from any thread; the caller applies each task once, with <see cref="Apply"/>
/// for a scalar task and <see cref="ApplyVibration"/> for a vibration task.
/// </summary>
public sealed class DeviceState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KindState> _kinds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Kind, string Channel), ChannelState> _channels = [];
    private long _readings;
    private DateTimeOffset _lastSeen = DateTimeOffset.MinValue;

    /// <summary>Creates the empty state of a device.</summary>
    public DeviceState(string deviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);

        DeviceId = deviceId;
    }

    /// <summary>The device.</summary>
    public string DeviceId { get; }

    /// <summary>The current statistics per kind, to ship with the device's next task.</summary>
    public IReadOnlyList<KindBaseline> Baselines()
    {
        lock (_lock)
        {
            var baselines = new List<KindBaseline>(_kinds.Count);
            foreach (var (kind, state) in _kinds)
            {
                if (state.Statistics.Count > 0)
                {
                    baselines.Add(new KindBaseline(kind, state.Statistics));
                }
            }

            return baselines;
        }
    }

    /// <summary>
    /// Folds a computed task into the state: its batch statistics, the latest reading per kind
    /// (by sequence, so a late lower sequence does not replace a higher one) and the counters.
    /// </summary>
    /// <exception cref="ArgumentException">The outcome does not have one entry per reading of the task.</exception>
    public void Apply(WorkTask task, TaskOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(outcome);
        CheckShape(task, outcome);

        lock (_lock)
        {
            for (var i = 0; i < task.Readings.Count; i++)
            {
                Record(task.Readings[i], outcome.Readings[i]);
            }

            foreach (var batch in outcome.Batch)
            {
                if (_kinds.TryGetValue(batch.Kind, out var state))
                {
                    state.Statistics = state.Statistics.Merge(batch.Statistics);
                }
            }

            Count(task);
        }
    }

    /// <summary>
    /// Folds a computed vibration task into the state with the <paramref name="score"/> the home
    /// node's <see cref="VibrationScorer"/> gave its window: the reading is counted under its kind
    /// as <see cref="Apply"/> would, with the score's anomaly flag, and its channel keeps the latest
    /// window's features and score (by sequence) and counts windows and anomalies. One lock covers
    /// both, so a snapshot never shows the reading without its score.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The task does not hold exactly one reading, or its outcome carries no features.
    /// </exception>
    public void ApplyVibration(WorkTask task, TaskOutcome outcome, VibrationScore score)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(score);
        CheckShape(task, outcome);
        if (task.Readings.Count != 1 || outcome.Readings[0].Features is not { } features)
        {
            throw new ArgumentException(
                $"Vibration task {task.TaskId} needs one reading and an outcome with its features.",
                nameof(outcome));
        }

        var reading = task.Readings[0];
        lock (_lock)
        {
            Record(reading, outcome.Readings[0] with { Anomaly = score.Anomaly });
            RecordWindow(reading, features, score);
            Count(task);
        }
    }

    /// <summary>Copies the state as it is now.</summary>
    public DeviceSnapshot Snapshot()
    {
        lock (_lock)
        {
            var kinds = _kinds
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => pair.Value.Snapshot(pair.Key))
                .ToList();

            var vibration = _channels.Count == 0
                ? null
                : _channels
                    .OrderBy(pair => pair.Key.Kind, StringComparer.Ordinal)
                    .ThenBy(pair => pair.Key.Channel, StringComparer.Ordinal)
                    .Select(pair => pair.Value.Snapshot(pair.Key.Kind))
                    .ToList();

            return new DeviceSnapshot(DeviceId, _readings, _lastSeen, kinds, vibration);
        }
    }

    private static void CheckShape(WorkTask task, TaskOutcome outcome)
    {
        if (outcome.Readings.Count != task.Readings.Count)
        {
            throw new ArgumentException(
                $"Task {task.TaskId} has {task.Readings.Count} readings but its outcome has"
                    + $" {outcome.Readings.Count}.",
                nameof(outcome));
        }
    }

    private void Count(WorkTask task)
    {
        _readings += task.Readings.Count;
        if (task.CreatedAt > _lastSeen)
        {
            _lastSeen = task.CreatedAt;
        }
    }

    private void RecordWindow(Reading reading, VibrationFeatures features, VibrationScore score)
    {
        var key = (reading.Kind.ToLowerInvariant(), reading.Channel ?? string.Empty);
        if (!_channels.TryGetValue(key, out var state))
        {
            state = new ChannelState(reading.Channel);
            _channels[key] = state;
        }

        state.Windows++;
        state.Anomalies += score.Anomaly ? 1 : 0;
        if (state.Windows == 1 || reading.Sequence >= state.LastSequence)
        {
            state.LastSequence = reading.Sequence;
            state.LastTimestamp = reading.Timestamp;
            state.Features = features;
            state.Score = score;
        }
    }

    private void Record(Reading reading, ReadingOutcome outcome)
    {
        if (!_kinds.TryGetValue(reading.Kind, out var state))
        {
            state = new KindState(reading.Unit);
            _kinds[reading.Kind] = state;
        }

        state.Count++;
        state.OutOfRange += outcome.OutOfRange ? 1 : 0;
        state.Anomalies += outcome.Anomaly ? 1 : 0;
        if (state.Count == 1 || reading.Sequence >= state.LastSequence)
        {
            state.LastValue = reading.Value;
            state.LastTimestamp = reading.Timestamp;
            state.LastSequence = reading.Sequence;
            state.LastStatus = reading.Status;
            state.LastAnomaly = outcome.Anomaly;
        }
    }

    private sealed class ChannelState(string? channel)
    {
        public string? Channel { get; } = channel;

        public long LastSequence { get; set; }

        public DateTimeOffset LastTimestamp { get; set; }

        public VibrationFeatures? Features { get; set; }

        public VibrationScore? Score { get; set; }

        public long Windows { get; set; }

        public long Anomalies { get; set; }

        public VibrationSnapshot Snapshot(string kind) => new(
            kind,
            Channel,
            LastSequence,
            LastTimestamp,
            Features!,
            Score!.Score,
            Score.Learning,
            Windows,
            Anomalies);
    }

    private sealed class KindState(string unit)
    {
        public string Unit { get; } = unit;

        public RunningStatistics Statistics { get; set; }

        public double? LastValue { get; set; }

        public DateTimeOffset LastTimestamp { get; set; }

        public long LastSequence { get; set; }

        public ReadingStatus LastStatus { get; set; }

        public long Count { get; set; }

        public long OutOfRange { get; set; }

        public long Anomalies { get; set; }

        public bool LastAnomaly { get; set; }

        public KindSnapshot Snapshot(string kind) => new(
            kind,
            Unit,
            LastValue,
            LastTimestamp,
            LastSequence,
            LastStatus.ToString().ToUpperInvariant(),
            Count,
            Statistics.Mean,
            Statistics.StandardDeviation,
            OutOfRange,
            Anomalies,
            LastAnomaly);
    }
}
