namespace Edgewise.Node.Telemetry;

/// <summary>Tasks and readings one peer computed for this node.</summary>
public sealed record PeerWork(long Tasks, long Readings);
