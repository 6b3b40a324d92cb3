namespace Edgewise.Node.Cluster;

/// <summary>A peer as GET /api/v1/stats shows it.</summary>
/// <param name="Id">The peer's node id.</param>
/// <param name="Url">Its base address.</param>
/// <param name="Healthy">False while it is marked down.</param>
/// <param name="ViewAgeMs">Age of its last load report, in milliseconds; null before the first.</param>
/// <param name="QueueLength">Queue length in its last report.</param>
/// <param name="InFlight">Tasks in flight in its last report.</param>
/// <param name="Workers">Its worker count.</param>
/// <param name="ServiceTimeMs">Its service-time estimate.</param>
/// <param name="RoundTripMs">Smoothed round trip to it.</param>
/// <param name="HttpVersion">HTTP version of calls to it: "2.0", or "1.1" when its address refuses HTTP/2.</param>
public sealed record PeerSnapshot(
    string Id,
    string Url,
    bool Healthy,
    double? ViewAgeMs,
    int? QueueLength,
    int? InFlight,
    int? Workers,
    double? ServiceTimeMs,
    double RoundTripMs,
    string HttpVersion);
