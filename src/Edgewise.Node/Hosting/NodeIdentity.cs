namespace Edgewise.Node.Hosting;

/// <summary>The node's id, fixed at start-up.</summary>
public sealed record NodeIdentity(string Id);
