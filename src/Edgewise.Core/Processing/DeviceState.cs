using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Processing;

/// <summary>
/// One device's running state on its home node: statistics per kind, the latest reading per kind
/// and counters. Tasks' outcomes are folded in as they return, from any thread; the caller
/// applies each task once.
/// </summary>
public sealed class DeviceState
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, KindState> _kinds = new(StringComparer.OrdinalIgnoreCase);
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
        if (outcome.Readings.Count != task.Readings.Count)
        {
            throw new ArgumentException(
                $"Task {task.TaskId} has {task.Readings.Count} readings but its outcome has"
                    + $" {outcome.Readings.Count}.",
                nameof(outcome));
        }

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

            _readings += task.Readings.Count;
            if (task.CreatedAt > _lastSeen)
            {
                _lastSeen = task.CreatedAt;
            }
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

            return new DeviceSnapshot(DeviceId, _readings, _lastSeen, kinds);
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
