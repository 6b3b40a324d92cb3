namespace Edgewise.Readings;

/// <summary>One reading a node acknowledged.</summary>
/// <param name="Index">Position in the request's array; 0 for a single reading.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="Sequence">The reading's sequence number (assigned by the node for prototype formats).</param>
/// <param name="Duplicate">True when the node had already accepted this (device, sequence) and will not process it again.</param>
public sealed record AcceptedReading(int Index, string DeviceId, long Sequence, bool Duplicate);
