using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Processing;

/// <summary>
/// Sums readings per device, kind and fixed window of event time (the reading's timestamp, floored
/// to the window). A window closes when a reading of a later window of the same device and kind
/// arrives, or when it has been idle long enough. A reading late for a window already closed
/// opens a new bucket for that window, so the same key can be emitted twice; the store merges
/// rows with the same key. Safe to call from many threads.
/// </summary>
public sealed class TumblingAggregator
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string DeviceId, string Kind), List<Bucket>> _open = [];
    private readonly long _windowTicks;

    /// <summary>Creates an aggregator over windows of <paramref name="window"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public TumblingAggregator(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);

        Window = window;
        _windowTicks = window.Ticks;
    }

    /// <summary>The window the node uses unless configured otherwise: one minute.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// Adds a reading that carries a value (others are ignored) to its window; returns the windows
    /// of the same device and kind that it closes, those older than its own. <paramref name="now"/>
    /// is processing time, which <see cref="FlushIdle"/> measures idleness against.
    /// </summary>
    public IReadOnlyList<Aggregate> Add(Reading reading, ReadingOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(outcome);
        if (reading.Value is not { } value)
        {
            return [];
        }

        var utcTicks = reading.Timestamp.UtcTicks;
        var start = utcTicks - (utcTicks % _windowTicks);
        var key = (reading.DeviceId, reading.Kind);

        lock (_lock)
        {
            if (!_open.TryGetValue(key, out var buckets))
            {
                buckets = [];
                _open[key] = buckets;
            }

            var bucket = FindOrOpen(buckets, start);

            bucket.Add(value, outcome, now);

            List<Aggregate>? closed = null;
            for (var i = buckets.Count - 1; i >= 0; i--)
            {
                if (buckets[i].StartTicks < start)
                {
                    closed ??= [];
                    closed.Add(buckets[i].ToAggregate(key, _windowTicks));
                    buckets.RemoveAt(i);
                }
            }

            return Ordered(closed);
        }
    }

    /// <summary>Closes every window not added to for at least <paramref name="idle"/> of processing time.</summary>
    public IReadOnlyList<Aggregate> FlushIdle(DateTimeOffset now, TimeSpan idle)
    {
        lock (_lock)
        {
            return Close(bucket => now - bucket.LastTouched >= idle);
        }
    }

    /// <summary>Closes every open window, at shutdown.</summary>
    public IReadOnlyList<Aggregate> FlushAll()
    {
        lock (_lock)
        {
            return Close(_ => true);
        }
    }

    private static Bucket FindOrOpen(List<Bucket> buckets, long startTicks)
    {
        // A series rarely has more than two windows open, so a scan beats a lookup table.
        foreach (var bucket in buckets)
        {
            if (bucket.StartTicks == startTicks)
            {
                return bucket;
            }
        }

        var opened = new Bucket(startTicks);
        buckets.Add(opened);
        return opened;
    }

    private IReadOnlyList<Aggregate> Close(Predicate<Bucket> shouldClose)
    {
        List<Aggregate>? closed = null;
        List<(string, string)>? emptied = null;
        foreach (var (key, buckets) in _open)
        {
            for (var i = buckets.Count - 1; i >= 0; i--)
            {
                if (shouldClose(buckets[i]))
                {
                    closed ??= [];
                    closed.Add(buckets[i].ToAggregate(key, _windowTicks));
                    buckets.RemoveAt(i);
                }
            }

            if (buckets.Count == 0)
            {
                emptied ??= [];
                emptied.Add(key);
            }
        }

        // Keys are dropped once empty, so devices that stop sending do not hold memory.
        foreach (var key in emptied ?? [])
        {
            _open.Remove(key);
        }

        return Ordered(closed);
    }

    private static IReadOnlyList<Aggregate> Ordered(List<Aggregate>? closed)
    {
        // Most readings close no window: they share the empty list instead of making one each.
        if (closed is null)
        {
            return Array.Empty<Aggregate>();
        }

        closed.Sort(static (a, b) => a.WindowStart.CompareTo(b.WindowStart));
        return closed;
    }

    private sealed class Bucket(long startTicks)
    {
        public long StartTicks { get; } = startTicks;

        public DateTimeOffset LastTouched { get; private set; }

        private long Count { get; set; }

        private double Sum { get; set; }

        private double Min { get; set; } = double.PositiveInfinity;

        private double Max { get; set; } = double.NegativeInfinity;

        private long OutOfRange { get; set; }

        private long Anomalies { get; set; }

        public void Add(double value, ReadingOutcome outcome, DateTimeOffset now)
        {
            Count++;
            Sum += value;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            OutOfRange += outcome.OutOfRange ? 1 : 0;
            Anomalies += outcome.Anomaly ? 1 : 0;
            LastTouched = now;
        }

        public Aggregate ToAggregate((string DeviceId, string Kind) key, long windowTicks) => new(
            key.DeviceId,
            key.Kind,
            new DateTimeOffset(StartTicks, TimeSpan.Zero),
            new DateTimeOffset(StartTicks + windowTicks, TimeSpan.Zero),
            Count,
            Sum,
            Min,
            Max,
            OutOfRange,
            Anomalies);
    }
}
