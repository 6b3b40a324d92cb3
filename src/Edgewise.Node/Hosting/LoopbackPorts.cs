using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Edgewise.Node.Hosting;

/// <summary>
/// Finds free TCP ports on loopback for nodes that must know each other's addresses before they
/// start (the demo, the cluster tests). A port is free when binding it succeeds; it is released
/// again before the node binds it, so another process could take it in between.
/// </summary>
/// <remarks>
/// Ports come from below the system's ephemeral range (Linux: <c>ip_local_port_range</c>), where
/// the operating system never puts the local end of an outgoing connection. An ephemeral port
/// handed out by the system would be just as free when checked, but the many HTTP connections a
/// test run opens draw from that same range and, under load, one of them took a port between
/// its release and the node's bind.
/// </remarks>
public static class LoopbackPorts
{
    private const int LowestPort = 10_000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>Returns <paramref name="count"/> distinct free ports on 127.0.0.1.</summary>
    public static IReadOnlyList<int> Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        var below = EphemeralStart();
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var attempt = 0; listeners.Count < count && attempt < 1_000; attempt++)
            {
                var port = below > LowestPort + count ? Random.Shared.Next(LowestPort, below) : 0;
                if (TryBind(port) is { } listener)
                {
                    listeners.Add(listener);
                }
            }

            // Fall back to ports the system picks should the range below be crowded.
            while (listeners.Count < count)
            {
                listeners.Add(TryBind(0) ?? throw new InvalidOperationException("No free loopback port."));
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

    private static TcpListener? TryBind(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();

            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();

            return null;
        }
    }

    /// <summary>The first port of the system's ephemeral range; 32,768 (Linux's default) when unknown.</summary>
    private static int EphemeralStart()
    {
        try
        {
            var text = File.Exists(EphemeralRangeFile) ? File.ReadAllText(EphemeralRangeFile) : "";
            var first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 32_768;
        }
        catch (IOException)
        {
            return 32_768;
        }
    }
}
