using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Edgewise.Node.Api;

namespace Edgewise.Cli.Demo;

/// <summary>
/// One <c>edgewise node</c> child process started by the demo, its output written to a log file
/// in its data directory. Stopping sends SIGTERM, so the node finishes its work and flushes its
/// store the way it would under an orchestrator.
/// </summary>
internal sealed partial class NodeProcess : Lab.ILiveNode
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(NodeSpec spec, Process process, StreamWriter log, HttpClient http)
    {
        Spec = spec;
        _process = process;
        _log = log;
        Http = http;
    }

    public NodeSpec Spec { get; }

    public HttpClient Http { get; }

    public string LogPath => Path.Combine(Spec.DataDirectory, "node.log");

    /// <summary>
    /// Starts the node; <paramref name="extraArguments"/> are passed on to <c>edgewise node</c> as
    /// they are. Without <paramref name="security"/> the node runs open: no keys, plain cluster
    /// traffic (the live benchmark, which measures placement on loopback).
    /// </summary>
    public static NodeProcess Start(
        NodeSpec spec,
        IReadOnlyList<NodeSpec> cluster,
        string policy,
        DemoSecurity? security,
        IEnumerable<string> extraArguments,
        IReadOnlyList<string>? policyAssemblies = null)
    {
        Directory.CreateDirectory(spec.DataDirectory);
        var start = SelfStartInfo();
        var certificates = security?.For(spec);
        string[] access = security is null || certificates is null
            ? ["--open"]
            :
            [
                "--api-keys", security.KeyStorePath,
                "--ca", certificates.Ca, "--cert", certificates.Certificate, "--key", certificates.Key,
            ];
        foreach (var argument in new[]
        {
            "node", "--id", spec.Id, "--urls", spec.Url.ToString().TrimEnd('/'), "--data", spec.DataDirectory,
            "--workers", spec.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--speed", spec.Speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--policy", policy,
            "--cluster-urls", spec.ClusterUrl.ToString().TrimEnd('/'),
            "--peers", string.Join(',', cluster.Where(other => other != spec).Select(other => other.ClusterUrl.ToString().TrimEnd('/'))),
        }.Concat(access).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var assembly in policyAssemblies ?? [])
        {
            start.ArgumentList.Add("--policy-assembly");
            start.ArgumentList.Add(Path.GetFullPath(assembly));
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["EDGEWISE_Node__SummaryInterval"] = "00:00:05";

        var log = new StreamWriter(Path.Combine(spec.DataDirectory, "node.log")) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = spec.Url, Timeout = TimeSpan.FromSeconds(5) };
        if (security is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", security.ApiKey);
        }

        return new NodeProcess(spec, process, log, http);
    }

    public bool HasExited => _process.HasExited;

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Spec.Id} exited with code {_process.ExitCode}; see {LogPath}.");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("healthz", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    public async Task<StatsResponse?> StatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Http.GetFromJsonAsync(new Uri("api/v1/stats", UriKind.Relative), NodeJsonContext.Default.StatsResponse, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGTERM and waits for the node to exit; kills it if it does not within the timeout.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        Http.Dispose();
        await _log.DisposeAsync();
    }

    /// <summary>How to start this same program again: the apphost, or <c>dotnet edgewise.dll</c>.</summary>
    private static ProcessStartInfo SelfStartInfo()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find the running program.");
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(NodeProcess).Assembly.Location);
        }

        return start;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
