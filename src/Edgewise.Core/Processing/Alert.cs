namespace Edgewise.Processing;

/// <summary>A device entering or leaving violation of an alert rule, with the reading that did it.</summary>
/// <param name="Rule">Name of the rule.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Kind">The kind of the reading.</param>
/// <param name="Value">The reading's value.</param>
/// <param name="Threshold">The threshold crossed: the rule's Above or Below.</param>
/// <param name="State">Raised or cleared.</param>
/// <param name="Timestamp">When the reading was measured.</param>
/// <param name="Sequence">The reading's sequence number.</param>
public sealed record Alert(
    string Rule,
    string DeviceId,
    string Kind,
    double Value,
    double Threshold,
    AlertState State,
    DateTimeOffset Timestamp,
    long Sequence);
