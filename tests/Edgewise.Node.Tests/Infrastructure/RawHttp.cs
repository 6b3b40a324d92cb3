using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests no HttpClient sends: truncated or trickled bodies,
/// headers that never end. Answers the status code, or 0 when the node closed without one.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> and <paramref name="body"/>, then closes the sending side.</summary>
    public static async Task<int> SendAsync(int port, string head, byte[] body, TimeSpan timeout)
    {
        using var socket = await ConnectAsync(port);
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            await socket.SendAsync(body);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The node closed the connection before taking the request.
            return 0;
        }

        return await ReadStatusAsync(socket, timeout);
    }

    /// <summary>
    /// Sends <paramref name="head"/>, then one byte of <paramref name="body"/> every
    /// <paramref name="interval"/> until the node answers or the body is sent.
    /// </summary>
    public static async Task<int> TrickleAsync(int port, string head, byte[] body, TimeSpan interval, TimeSpan timeout)
    {
        using var socket = await ConnectAsync(port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        var answer = ReadStatusAsync(socket, timeout);
        foreach (var b in body)
        {
            if (await Task.WhenAny(answer, Task.Delay(interval)) == answer)
            {
                break;
            }

            try
            {
                await socket.SendAsync(new[] { b });
            }
            catch (SocketException)
            {
                break;
            }
        }

        return await answer;
    }

    /// <summary>A request head with the usual headers and a declared body length.</summary>
    public static string Head(string path, string contentType, long contentLength, string? apiKey) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\n"
        + (apiKey is null ? string.Empty : $"X-Api-Key: {apiKey}\r\n")
        + $"Content-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

        return socket;
    }

    private static async Task<int> ReadStatusAsync(Socket socket, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var received = new StringBuilder();
        try
        {
            while (!received.ToString().Contains("\r\n", StringComparison.Ordinal))
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            return 0;
        }

        var line = received.ToString();
        var parts = line.Split(' ', 3);

        return parts.Length >= 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status) ? status : 0;
    }
}
