namespace Edgewise.Processing;

/// <summary>
/// Summary of one device's values of one kind over one tumbling window of event time. Values
/// outside the plausible range are included, as everywhere they are kept, and counted apart.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Kind">The kind.</param>
/// <param name="WindowStart">Start of the window, inclusive, UTC.</param>
/// <param name="WindowEnd">End of the window, exclusive, UTC.</param>
/// <param name="Count">Values in the window.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
/// <param name="OutOfRange">How many were outside the kind's plausible range.</param>
/// <param name="Anomalies">How many were flagged as anomalies.</param>
public sealed record Aggregate(
    string DeviceId,
    string Kind,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long Count,
    double Sum,
    double Min,
    double Max,
    long OutOfRange,
    long Anomalies)
{
    /// <summary>Mean of the values, or 0 for an empty window.</summary>
    public double Mean => Count > 0 ? Sum / Count : 0;
}
