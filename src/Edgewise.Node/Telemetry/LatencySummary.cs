namespace Edgewise.Node.Telemetry;

/// <summary>Task latency since the node started, from task creation to the applied result, in milliseconds.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);
