using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Edgewise.Node.Hosting;
using Edgewise.Placement;
using Edgewise.Tasks;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Cluster;

/// <summary>
/// Calls peers' internal endpoints over pooled connections: ships a task and receives its
/// outcome, or exchanges load reports. Any failure or timeout surfaces as <see cref="PeerUnavailableException"/>.
/// </summary>
internal sealed class PeerClient : IDisposable
{
    public const string TasksPath = "internal/v1/tasks";
    public const string LoadPath = "internal/v1/load";

    private readonly HttpClient _http;
    private readonly Version _version;
    private readonly TimeSpan _timeout;

    public PeerClient(IOptions<NodeOptions> options)
    {
        var value = options.Value;
        _timeout = value.PeerTimeout;
        _version = value.PeerHttpVersion == "2" ? HttpVersion.Version20 : HttpVersion.Version11;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = value.PeerTimeout,
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = 64,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Ships a task to a peer and returns its reply and the round trip.</summary>
    public async Task<(TaskReply Reply, TimeSpan RoundTrip)> RunAsync(
        PeerState peer,
        WorkTask task,
        CancellationToken cancellationToken)
    {
        var reply = await PostAsync(
            peer,
            TasksPath,
            JsonContent.Create(task, WireJsonContext.Default.WorkTask),
            WireJsonContext.Default.TaskReply,
            cancellationToken);

        return reply;
    }

    /// <summary>Sends this node's load report to a peer and returns the peer's.</summary>
    public Task<(LoadReport Reply, TimeSpan RoundTrip)> ExchangeLoadAsync(
        PeerState peer,
        LoadReport report,
        CancellationToken cancellationToken) =>
        PostAsync(
            peer,
            LoadPath,
            JsonContent.Create(report, WireJsonContext.Default.LoadReport),
            WireJsonContext.Default.LoadReport,
            cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<(T Reply, TimeSpan RoundTrip)> PostAsync<T>(
        PeerState peer,
        string path,
        HttpContent content,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> replyType,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(peer.BaseAddress, path))
        {
            Content = content,
            Version = _version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new PeerUnavailableException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var reply = await response.Content.ReadFromJsonAsync(replyType, timeout.Token)
                ?? throw new PeerUnavailableException("it answered with an empty body");

            return (reply, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PeerUnavailableException($"no answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException exception)
        {
            throw new PeerUnavailableException(exception.HttpRequestError.ToString(), exception);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new PeerUnavailableException("it answered with a body that is not a reply", exception);
        }
    }
}
