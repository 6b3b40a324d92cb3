namespace Edgewise.Placement;

/// <summary>What a node tells its peers about its load, on every reply and at a set interval.</summary>
/// <param name="NodeId">The reporting node.</param>
/// <param name="QueueLength">Tasks waiting for a worker.</param>
/// <param name="InFlight">Tasks being computed.</param>
/// <param name="Workers">Worker count.</param>
/// <param name="ServiceTimeMs">Smoothed time one task holds a worker, in milliseconds.</param>
/// <param name="MeasuredAt">When the figures were read, on the reporting node's clock.</param>
public sealed record LoadReport(
    string NodeId,
    int QueueLength,
    int InFlight,
    int Workers,
    double ServiceTimeMs,
    DateTimeOffset MeasuredAt);
