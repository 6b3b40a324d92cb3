namespace Edgewise.Lab.Engine;

/// <summary>
/// What one node knows of one peer, as a live node's PeerState: the last load report received
/// (periodic or on a reply), when it arrived, the tasks sent since, and whether the peer is
/// marked down.
/// </summary>
internal struct PeerView
{
    public int Queue;
    public int InFlight;
    public double ServiceMs;
    public double ReceivedAtMs;
    public int SentSinceReport;
    public long SeenReport;
    public bool Down;
    public double DownSinceMs;
}
