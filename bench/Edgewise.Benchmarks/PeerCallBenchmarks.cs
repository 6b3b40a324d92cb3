using System.Globalization;
using BenchmarkDotNet.Attributes;
using Edgewise.Node.Cluster;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;
using Edgewise.Placement;
using Edgewise.Readings;
using Edgewise.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Edgewise.Benchmarks;

/// <summary>
/// Peer calls over HTTP/1.1 against HTTP/2 with prior knowledge: a real node on loopback with
/// one endpoint of each, and the node's own <see cref="PeerClient"/> shipping a scalar task of
/// 16 readings, one call at a time and 32 at once (HTTP/2 multiplexes those over one connection,
/// HTTP/1.1 opens a connection per concurrent call).
/// </summary>
[MemoryDiagnoser]
public class PeerCallBenchmarks : IDisposable
{
    private const int Concurrent = 32;

    private WebApplication _node = null!;
    private PeerClient _client = null!;
    private PeerState _peer = null!;
    private WorkTask _task = null!;
    private string _directory = null!;

    [Params("1.1", "2")]
    public string HttpVersion { get; set; } = "1.1";

    [GlobalSetup]
    public void Setup()
    {
        var ports = LoopbackPorts.Reserve(2);
        _directory = Path.Combine(Path.GetTempPath(), $"edgewise-bench-{Guid.NewGuid():N}");
        _node = NodeHost.Create(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http1:Url"] = $"http://127.0.0.1:{ports[0]}",
            ["Kestrel:Endpoints:Http1:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Http2:Url"] = $"http://127.0.0.1:{ports[1]}",
            ["Kestrel:Endpoints:Http2:Protocols"] = "Http2",
            ["Node:Id"] = "peer",
            ["Node:DataDirectory"] = _directory,
            ["Node:Workers"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
            // Measures the transport, not TLS: plain cluster traffic needs open mode.
            ["Node:Security:Open"] = "true",
        });
        _node.StartAsync().GetAwaiter().GetResult();

        var port = HttpVersion == "2" ? ports[1] : ports[0];
        _peer = new PeerState(new Uri($"http://127.0.0.1:{port}/"))
        {
            HttpVersion = HttpVersion == "2" ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
        };
        var options = Options.Create(new NodeOptions { Security = { Open = true } });
        _client = new PeerClient(options, new ClusterAccess(options, NullLogger<ClusterAccess>.Instance), NullLogger<PeerClient>.Instance);
        var readings = Enumerable.Range(1, 16)
            .Select(i => new Reading(
                "bench-device",
                "temperature",
                20 + (i % 5),
                "°C",
                DateTimeOffset.Parse("2024-10-01T12:00:00Z", CultureInfo.InvariantCulture),
                i,
                ReadingStatus.Active))
            .ToArray();
        _task = new WorkTask("bench-task", "home", "bench-device", TaskKind.Scalar, readings, [], DateTimeOffset.UtcNow);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _node.StopAsync().GetAwaiter().GetResult();
        _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "one call")]
    public async Task<TaskReply> OneCall() => (await _client.RunAsync(_peer, _task, CancellationToken.None)).Reply;

    [Benchmark(Description = "32 concurrent calls", OperationsPerInvoke = Concurrent)]
    public async Task ConcurrentCalls()
    {
        var calls = new Task[Concurrent];
        for (var i = 0; i < Concurrent; i++)
        {
            calls[i] = _client.RunAsync(_peer, _task, CancellationToken.None);
        }

        await Task.WhenAll(calls);
    }
}
