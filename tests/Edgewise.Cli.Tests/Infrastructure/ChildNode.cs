using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Edgewise.Node.Api;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Cli.Tests.Infrastructure;

/// <summary>
/// An <c>edgewise node</c> in a child process (<c>dotnet edgewise.dll node …</c>) on fixed
/// loopback ports, so a test can kill it with SIGKILL and start it again on the same data
/// directory and addresses. Its output is kept for failure messages.
/// </summary>
public sealed class ChildNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildNode(NodeAddress address, Process process)
    {
        Address = address;
        _process = process;
        Client = new HttpClient { BaseAddress = address.Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public NodeAddress Address { get; }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the node wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node; <paramref name="settings"/> become <c>EDGEWISE_</c> environment variables.</summary>
    public static ChildNode Start(
        NodeAddress address,
        IEnumerable<NodeAddress> peers,
        string policy,
        int workers,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgewise.dll"));
        foreach (var argument in new[]
        {
            "node", "--id", address.Id, "--urls", address.Url.ToString().TrimEnd('/'),
            "--cluster-urls", address.ClusterUrl.ToString().TrimEnd('/'),
            "--data", address.DataDirectory, "--policy", policy,
            "--workers", workers.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var peerList = string.Join(',', peers.Select(peer => peer.ClusterUrl.ToString().TrimEnd('/')));
        if (peerList.Length > 0)
        {
            start.ArgumentList.Add("--peers");
            start.ArgumentList.Add(peerList);
        }

        start.Environment["EDGEWISE_Node__LoadReportInterval"] = "00:00:00.100";
        start.Environment["EDGEWISE_Node__PeerTimeout"] = "00:00:01";
        start.Environment["EDGEWISE_Node__PeerProbeDelay"] = "00:00:00.200";
        start.Environment["EDGEWISE_Logging__LogLevel__Default"] = "Warning";
        // The fault tests are about durability, not access: nodes run open (no keys, plain
        // cluster traffic). The cluster tests in Edgewise.Node.Tests run with keys and mTLS.
        start.Environment["EDGEWISE_Node__Security__Open"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[$"EDGEWISE_{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }

        var process = new Process { StartInfo = start };
        var node = new ChildNode(address, process);
        process.OutputDataReceived += (_, line) => node.Append(line.Data);
        process.ErrorDataReceived += (_, line) => node.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        return node;
    }

    /// <summary>Waits until /healthz answers; fails with the node's output when it exits first.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Address.Id} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("healthz", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    public async Task<StatsResponse> StatsAsync()
    {
        var stats = await Client.GetFromJsonAsync("api/v1/stats", NodeJsonContext.Default.StatsResponse);

        return stats ?? throw new InvalidOperationException("empty stats");
    }

    /// <summary>Waits until every task the node made has its result stored and no reading waits in a batch.</summary>
    public Task WaitForIdleAsync(TimeSpan timeout) =>
        StatsPolling.UntilAsync(
            StatsAsync,
            stats => stats.TasksPending == 0 && stats.ReadingsWaiting == 0 && stats.ReadingsPending == 0,
            timeout);

    /// <summary>Waits until the node has a load report from every peer and sees them all up.</summary>
    public Task WaitForPeersAsync(TimeSpan timeout) => StatsPolling.PeersUpAsync(StatsAsync, timeout);

    /// <summary>Waits for the process to exit and for its output to be read to the end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to flush or answer.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then waits for the exit; returns how long the node took.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);

        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Client.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
