using Edgewise.Placement;

namespace Edgewise.Node.Cluster;

/// <summary>
/// What this node knows of one peer: its id once learned, its last load report and when that
/// arrived, the tasks sent to it since, the link's round trip, and whether it is up.
/// </summary>
internal sealed class PeerState(Uri baseAddress)
{
    private const double RoundTripSmoothing = 0.2;

    private readonly Lock _lock = new();
    private LoadReport? _report;
    private long _reportReceivedAt;
    private int _sentSinceReport;
    private double _roundTripMs;
    private bool _healthy = true;
    private long _downUntil;
    private TimeSpan _probeDelay;
    private int _outstanding;

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The HTTP version calls to this peer use; lowered to 1.1 when its address refuses HTTP/2.</summary>
    public Version HttpVersion { get; set; } = System.Net.HttpVersion.Version20;

    /// <summary>The peer's node id from its reports; its address until the first report.</summary>
    public string Id { get; private set; } = baseAddress.Authority;

    public bool IsHealthy
    {
        get
        {
            lock (_lock)
            {
                return _healthy;
            }
        }
    }

    /// <summary>Tasks sent to this peer whose replies are still awaited.</summary>
    public int Outstanding => Volatile.Read(ref _outstanding);


    public void TaskSent()
    {
        Interlocked.Increment(ref _outstanding);
        lock (_lock)
        {
            _sentSinceReport++;
        }
    }

    public void TaskReturned() => Interlocked.Decrement(ref _outstanding);

    /// <summary>Records a load report from the peer, received at <paramref name="now"/> (timestamp ticks).</summary>
    public void Report(LoadReport report, long now)
    {
        lock (_lock)
        {
            Id = report.NodeId;
            _report = report;
            _reportReceivedAt = now;
            _sentSinceReport = 0;
        }
    }

    public void RoundTrip(TimeSpan roundTrip)
    {
        lock (_lock)
        {
            var ms = roundTrip.TotalMilliseconds;
            _roundTripMs = _roundTripMs == 0 ? ms : _roundTripMs + (RoundTripSmoothing * (ms - _roundTripMs));
        }
    }

    /// <summary>
    /// The view a policy sees: the last report plus the tasks sent since it (which the report
    /// cannot show yet), aged by the time since it arrived plus half a round trip.
    /// </summary>
    public PlacementCandidate Candidate(TimeProvider time)
    {
        lock (_lock)
        {
            var link = TimeSpan.FromMilliseconds(_roundTripMs);
            if (_report is null)
            {
                return new PlacementCandidate(Id, false, new LoadView(_sentSinceReport, 0, 1, 0, TimeSpan.MaxValue), link);
            }

            var age = time.GetElapsedTime(_reportReceivedAt) + (link / 2);
            var view = new LoadView(
                _report.QueueLength + _sentSinceReport,
                _report.InFlight,
                _report.Workers,
                _report.ServiceTimeMs,
                age);

            return new PlacementCandidate(Id, false, view, link);
        }
    }

    /// <summary>Marks the peer down; it is probed again after a delay that doubles up to <paramref name="maxDelay"/>.</summary>
    public bool MarkDown(long now, TimeProvider time, TimeSpan firstDelay, TimeSpan maxDelay)
    {
        lock (_lock)
        {
            var wasHealthy = _healthy;
            _healthy = false;
            _probeDelay = wasHealthy ? firstDelay : TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, _probeDelay.Ticks * 2));
            _downUntil = now + (long)(_probeDelay.TotalSeconds * time.TimestampFrequency);

            return wasHealthy;
        }
    }

    /// <summary>True when the peer is up, or down and due for a probe.</summary>
    public bool IsDueForContact(long now)
    {
        lock (_lock)
        {
            return _healthy || now >= _downUntil;
        }
    }

    /// <summary>Marks the peer up; returns true when it was down.</summary>
    public bool MarkUp()
    {
        lock (_lock)
        {
            var wasDown = !_healthy;
            _healthy = true;

            return wasDown;
        }
    }

    public PeerSnapshot Snapshot(TimeProvider time)
    {
        var candidate = Candidate(time);
        lock (_lock)
        {
            return new PeerSnapshot(
                Id,
                BaseAddress.ToString(),
                _healthy,
                _report is null ? null : candidate.Load.Age.TotalMilliseconds,
                _report?.QueueLength,
                _report?.InFlight,
                _report?.Workers,
                _report?.ServiceTimeMs,
                _roundTripMs,
                HttpVersion.ToString());
        }
    }
}
