namespace Edgewise.Lab.Engine;

/// <summary>One simulated node's fixed capacity and access link.</summary>
/// <param name="Id">Node id.</param>
/// <param name="Workers">Worker count.</param>
/// <param name="Speed">Speed in (0, 1].</param>
/// <param name="LatencyMs">One-way latency of its access link, in milliseconds.</param>
/// <param name="BytesPerMs">Bandwidth of its access link, in bytes per millisecond.</param>
internal sealed record NodeShape(string Id, int Workers, double Speed, double LatencyMs, double BytesPerMs);
