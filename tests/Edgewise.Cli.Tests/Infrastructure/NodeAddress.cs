using Edgewise.Node.Hosting;

namespace Edgewise.Cli.Tests.Infrastructure;

/// <summary>Where a child node lives: id, device and cluster addresses, data directory. Kept across restarts.</summary>
public sealed record NodeAddress(string Id, Uri Url, Uri ClusterUrl, string DataDirectory)
{
    /// <summary>A node on two free loopback ports with a fresh temporary data directory.</summary>
    public static NodeAddress Create(string id)
    {
        var ports = LoopbackPorts.Reserve(2);

        return new NodeAddress(
            id,
            new Uri($"http://127.0.0.1:{ports[0]}/"),
            new Uri($"http://127.0.0.1:{ports[1]}/"),
            Path.Combine(Path.GetTempPath(), "edgewise-fault-tests", $"{id}-{Guid.NewGuid():N}"));
    }
}
