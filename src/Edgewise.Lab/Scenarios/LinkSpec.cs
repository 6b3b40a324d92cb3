namespace Edgewise.Lab.Scenarios;

/// <summary>
/// A node's access link. A message from node a to node b takes the two nodes' one-way latencies
/// added, plus its size over the slower of the two bandwidths; links are not shared, so transfers
/// do not contend.
/// </summary>
public sealed record LinkSpec
{
    /// <summary>One-way latency, in milliseconds. Default 0.1.</summary>
    public double LatencyMs { get; init; } = 0.1;

    /// <summary>Bandwidth, in Mbit/s. Default 1000.</summary>
    public double BandwidthMbps { get; init; } = 1000;
}
