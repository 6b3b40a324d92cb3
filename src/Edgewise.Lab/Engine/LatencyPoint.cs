namespace Edgewise.Lab.Engine;

/// <summary>A point of a latency distribution: the share of tasks done within <paramref name="LatencyMs"/>.</summary>
/// <param name="Quantile">Share of tasks, in [0, 1].</param>
/// <param name="LatencyMs">Latency, in milliseconds.</param>
public readonly record struct LatencyPoint(double Quantile, double LatencyMs);
