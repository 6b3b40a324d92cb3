namespace Edgewise.Node.Hosting;

/// <summary>When the node started, as a <see cref="TimeProvider"/> timestamp.</summary>
internal sealed record NodeClock(long StartedAt);
