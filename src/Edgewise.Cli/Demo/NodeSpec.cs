namespace Edgewise.Cli.Demo;

/// <summary>One node of the demo cluster: its id, address, data directory and emulated capacity.</summary>
internal sealed record NodeSpec(string Id, Uri Url, string DataDirectory, int Workers, double Speed);
