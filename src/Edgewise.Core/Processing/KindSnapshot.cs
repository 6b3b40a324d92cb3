namespace Edgewise.Processing;

/// <summary>What the home node knows of one kind of one device's readings.</summary>
/// <param name="Kind">The kind, lower case.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="LastValue">Value of the reading with the highest sequence, null if it had none.</param>
/// <param name="LastTimestamp">When that reading was measured.</param>
/// <param name="LastSequence">Its sequence number.</param>
/// <param name="LastStatus">Its status as the prototype spelled it: ACTIVE, INACTIVE or ERROR.</param>
/// <param name="Count">Readings of this kind applied, with or without a value.</param>
/// <param name="Mean">Mean of the in-range values.</param>
/// <param name="StandardDeviation">Sample standard deviation of the in-range values.</param>
/// <param name="OutOfRange">Readings flagged outside the kind's plausible range.</param>
/// <param name="Anomalies">Readings flagged as anomalies by z-score.</param>
/// <param name="LastAnomaly">Whether the reading with the highest sequence was an anomaly.</param>
public sealed record KindSnapshot(
    string Kind,
    string Unit,
    double? LastValue,
    DateTimeOffset LastTimestamp,
    long LastSequence,
    string LastStatus,
    long Count,
    double Mean,
    double StandardDeviation,
    long OutOfRange,
    long Anomalies,
    bool LastAnomaly);
