namespace Edgewise.Node.Api;

/// <summary>GET /healthz: the node answers and names itself.</summary>
public sealed record HealthResponse(string Status, string NodeId);
