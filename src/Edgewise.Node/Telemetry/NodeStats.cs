using System.Collections.Concurrent;
using HdrHistogram;

namespace Edgewise.Node.Telemetry;

/// <summary>
/// The node's counters and its task-latency histogram. Counters are atomic; the histogram is
/// guarded by a lock because HdrHistogram's plain histograms are not thread-safe.
/// </summary>
internal sealed class NodeStats
{
    private const long HighestLatencyMicroseconds = 60L * 60 * 1_000_000;

    private readonly LongHistogram _latency = new(HighestLatencyMicroseconds, 3);
    private readonly Lock _latencyLock = new();
    private readonly ConcurrentDictionary<string, PeerCounters> _sentTo = new(StringComparer.Ordinal);
    private long _readingsReceived;
    private long _readingsDuplicate;
    private long _readingsRejected;
    private long _tasksCreated;
    private long _tasksDoneHere;
    private long _readingsDoneHere;
    private long _tasksDoneForPeers;
    private long _readingsDoneForPeers;
    private long _tasksFailed;
    private long _tasksCompleted;
    private long _explored;

    public long ReadingsReceived => Interlocked.Read(ref _readingsReceived);

    public long ReadingsDuplicate => Interlocked.Read(ref _readingsDuplicate);

    public long ReadingsRejected => Interlocked.Read(ref _readingsRejected);

    public long TasksCreated => Interlocked.Read(ref _tasksCreated);

    public long TasksDoneHere => Interlocked.Read(ref _tasksDoneHere);

    public long ReadingsDoneHere => Interlocked.Read(ref _readingsDoneHere);

    public long TasksDoneForPeers => Interlocked.Read(ref _tasksDoneForPeers);

    public long ReadingsDoneForPeers => Interlocked.Read(ref _readingsDoneForPeers);

    public long TasksFailed => Interlocked.Read(ref _tasksFailed);

    public long TasksCompleted => Interlocked.Read(ref _tasksCompleted);

    /// <summary>Placements made at random by exploration instead of by the policy.</summary>
    public long PlacementsExplored => Interlocked.Read(ref _explored);

    public void Received(int fresh, int duplicates)
    {
        Interlocked.Add(ref _readingsReceived, fresh);
        Interlocked.Add(ref _readingsDuplicate, duplicates);
    }

    public void Rejected(int count) => Interlocked.Add(ref _readingsRejected, count);

    public void TaskCreated() => Interlocked.Increment(ref _tasksCreated);

    public void Explored() => Interlocked.Increment(ref _explored);

    public void DoneHere(int readings)
    {
        Interlocked.Increment(ref _tasksDoneHere);
        Interlocked.Add(ref _readingsDoneHere, readings);
    }

    public void DoneForPeer(int readings)
    {
        Interlocked.Increment(ref _tasksDoneForPeers);
        Interlocked.Add(ref _readingsDoneForPeers, readings);
    }

    public void DoneByPeer(string peerId, int readings)
    {
        var counters = _sentTo.GetOrAdd(peerId, _ => new PeerCounters());
        Interlocked.Increment(ref counters.Tasks);
        Interlocked.Add(ref counters.Readings, readings);
    }

    /// <summary>An attempt on a peer failed; the task will be placed again.</summary>
    public void AttemptFailed() => Interlocked.Increment(ref _tasksFailed);

    public void Completed(TimeSpan latency)
    {
        Interlocked.Increment(ref _tasksCompleted);
        var microseconds = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestLatencyMicroseconds);
        lock (_latencyLock)
        {
            _latency.RecordValue(microseconds);
        }
    }

    /// <summary>Tasks and readings each peer computed for this node, by peer id.</summary>
    public IReadOnlyDictionary<string, PeerWork> SentToPeers() =>
        _sentTo.ToDictionary(
            pair => pair.Key,
            pair => new PeerWork(Interlocked.Read(ref pair.Value.Tasks), Interlocked.Read(ref pair.Value.Readings)),
            StringComparer.Ordinal);

    public LatencySummary Latency()
    {
        lock (_latencyLock)
        {
            if (_latency.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0);
            }

            return new LatencySummary(
                _latency.TotalCount,
                Milliseconds(_latency.GetMean()),
                Milliseconds(_latency.GetValueAtPercentile(50)),
                Milliseconds(_latency.GetValueAtPercentile(95)),
                Milliseconds(_latency.GetValueAtPercentile(99)),
                Milliseconds(_latency.GetMaxValue()));
        }
    }

    private static double Milliseconds(double microseconds) => Math.Round(microseconds / 1000.0, 3);

    private sealed class PeerCounters
    {
        public long Tasks;
        public long Readings;
    }
}
