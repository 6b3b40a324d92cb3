using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Edgewise.Node.Hosting;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto broker on a loopback port of its own, started for a test and killed after it.
/// Mosquitto comes from Debian's package (<c>apt-get install mosquitto</c>; .ci/run installs it).
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly string[] _searchPath = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The broker's address as nodes take it, <c>mqtt://127.0.0.1:port</c>.</summary>
    public string Address => $"mqtt://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<MosquittoBroker> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException(
            "The MQTT tests need Mosquitto, which is not installed: run `apt-get install mosquitto` "
            + "(.ci/run installs it).");
        var port = LoopbackPorts.Reserve(1)[0];
        var directory = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"mosquitto-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mosquitto.conf");
        // No limit on messages in flight or queued per client: the tests count every message, and
        // a broker that dropped some under load would hide what the node does with them.
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_inflight_messages 0
            max_queued_messages 0
            set_tcp_nodelay true
            log_dest stderr
            log_type error
            log_type warning
            """);

        var process = Process.Start(new ProcessStartInfo(executable, ["-c", config])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Mosquitto did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var broker = new MosquittoBroker(process, directory, port);
        await broker.WaitUntilListeningAsync(TimeSpan.FromSeconds(10));

        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static string? Find() => _searchPath
        .Select(folder => Path.Combine(folder, "mosquitto"))
        .FirstOrDefault(File.Exists);

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Mosquitto exited at start with code {_process.ExitCode}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, deadline.Token);

                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
        }
    }
}
