using System.Net;
using System.Net.Sockets;

namespace Edgewise.Node.Hosting;

/// <summary>
/// Finds free TCP ports on loopback for nodes that must know each other's addresses before they
/// start (the demo, the cluster tests). The operating system picks each port; another process
/// could take it before the node binds it, which on a quiet machine does not happen in practice.
/// </summary>
public static class LoopbackPorts
{
    /// <summary>Returns <paramref name="count"/> distinct free ports on 127.0.0.1.</summary>
    public static IReadOnlyList<int> Reserve(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
