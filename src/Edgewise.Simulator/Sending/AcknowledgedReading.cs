namespace Edgewise.Simulator.Sending;

/// <summary>A reading a node acknowledged: the node, the device and the reading's sequence number.</summary>
public readonly record struct AcknowledgedReading(Uri Node, string DeviceId, long Sequence);
