namespace Edgewise.Cli.Demo;

/// <summary>
/// One node of the demo cluster: its id, its address for devices, its HTTP/2 address for peers,
/// data directory and emulated capacity.
/// </summary>
internal sealed record NodeSpec(string Id, Uri Url, Uri ClusterUrl, string DataDirectory, int Workers, double Speed);
