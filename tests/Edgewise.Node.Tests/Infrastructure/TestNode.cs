using System.Globalization;
using System.Net.Http.Json;
using Edgewise.Node.Api;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// A real node on a loopback port with its own temporary data directory, secured like a real
/// one: an API key made in its key store before it starts, which <see cref="Client"/> sends.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private bool _stopped;

    private TestNode(WebApplication app, string id, int port, string dataDirectory, string apiKey)
    {
        _app = app;
        Id = id;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        DataDirectory = dataDirectory;
        ApiKey = apiKey;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
    }

    public string Id { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>A key for every device, made in the node's key store before it started.</summary>
    public string ApiKey { get; }

    /// <summary>Sends <see cref="ApiKey"/> on every request.</summary>
    public HttpClient Client { get; }

    /// <summary>The services of the running node.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<TestNode> StartAsync(
        string id,
        int port,
        IEnumerable<Uri>? peers = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        ILoggerProvider? logs = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "edgewise-tests", $"{id}-{Guid.NewGuid():N}");
        var all = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Node:Id"] = id,
            ["Node:DataDirectory"] = dataDirectory,
            ["Node:Workers"] = "2",
            ["Node:LoadReportInterval"] = "00:00:00.100",
            ["Node:PeerTimeout"] = "00:00:01",
            ["Node:SummaryInterval"] = "00:00:30",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var i = 0;
        foreach (var peer in peers ?? [])
        {
            all[$"Node:Peers:{i++}"] = peer.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var (_, apiKey) = KeyStore.Create(KeyStore.PathIn(dataDirectory), $"{id} tests", [], DateTimeOffset.UtcNow);
        var app = NodeHost.Create(all);
        if (logs is not null)
        {
            app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        await app.StartAsync(timeout.Token);

        return new TestNode(app, id, port, dataDirectory, apiKey);
    }

    public static async Task<TestNode> StartAsync(string id, IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartAsync(id, LoopbackPorts.Reserve(1)[0], settings: settings);

    public async Task<StatsResponse> StatsAsync()
    {
        var stats = await Client.GetFromJsonAsync("api/v1/stats", NodeJsonContext.Default.StatsResponse);

        return stats ?? throw new InvalidOperationException("empty stats");
    }

    /// <summary>Waits until every task this node made is completed and nothing waits in a batch.</summary>
    public Task WaitForIdleAsync(TimeSpan timeout) =>
        StatsPolling.UntilAsync(
            StatsAsync,
            stats => stats.TasksPending == 0 && stats.ReadingsWaiting == 0 && stats.TasksCompleted == stats.TasksCreated,
            timeout);

    /// <summary>Waits until this node has a load report from every peer and sees them all up.</summary>
    public Task WaitForPeersAsync(TimeSpan timeout) => StatsPolling.PeersUpAsync(StatsAsync, timeout);

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
    }
}
