using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;
using Edgewise.Placement;
using Edgewise.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Cluster;

/// <summary>
/// Calls peers' internal endpoints over pooled connections: ships a task and receives its
/// outcome, or exchanges load reports; over mutual TLS when the node has cluster certificates. Any failure or timeout surfaces as <see cref="PeerUnavailableException"/>.
/// </summary>
internal sealed partial class PeerClient : IDisposable
{
    public const string TasksPath = "internal/v1/tasks";
    public const string LoadPath = "internal/v1/load";

    private readonly HttpClient _http;
    private readonly ILogger<PeerClient> _logger;
    private readonly TimeSpan _timeout;

    public PeerClient(IOptions<NodeOptions> options, ClusterAccess cluster, ILogger<PeerClient> logger)
    {
        _logger = logger;
        var value = options.Value;
        _timeout = value.PeerTimeout;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = value.PeerTimeout,
            EnableMultipleHttp2Connections = true,
            MaxConnectionsPerServer = 64,
        };
        if (cluster.Trust is { } trust)
        {
            // Mutual TLS: this node's certificate goes to the peer, and only a peer certificate
            // signed by the cluster's authority, naming the address dialled, is accepted.
            handler.SslOptions = trust.ClientOptions();
        }

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
            () => JsonContent.Create(task, WireJsonContext.Default.WorkTask),
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
            () => JsonContent.Create(report, WireJsonContext.Default.LoadReport),
            WireJsonContext.Default.LoadReport,
            cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<(T Reply, TimeSpan RoundTrip)> PostAsync<T>(
        PeerState peer,
        string path,
        Func<HttpContent> content,
        JsonTypeInfo<T> replyType,
        CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(peer, path, content(), replyType, cancellationToken);
        }
        catch (HttpRequestException exception) when (RefusesHttp2(peer, exception))
        {
            // The address answers, but not in HTTP/2 over cleartext: an HTTP/1.1-only listener.
            peer.HttpVersion = HttpVersion.Version11;
            Log.FellBackToHttp11(_logger, peer.Id, peer.BaseAddress);
        }
        catch (HttpRequestException exception)
        {
            throw new PeerUnavailableException(exception.HttpRequestError.ToString(), exception);
        }

        try
        {
            return await SendAsync(peer, path, content(), replyType, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new PeerUnavailableException(exception.HttpRequestError.ToString(), exception);
        }
    }

    private static bool RefusesHttp2(PeerState peer, HttpRequestException exception) =>
        peer.HttpVersion == HttpVersion.Version20
        && exception.HttpRequestError is HttpRequestError.HttpProtocolError
            or HttpRequestError.ResponseEnded
            or HttpRequestError.InvalidResponse
            or HttpRequestError.VersionNegotiationError;

    private async Task<(T Reply, TimeSpan RoundTrip)> SendAsync<T>(
        PeerState peer,
        string path,
        HttpContent content,
        JsonTypeInfo<T> replyType,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(peer.BaseAddress, path))
        {
            Content = content,
            Version = peer.HttpVersion,
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
        catch (JsonException exception)
        {
            throw new PeerUnavailableException("it answered with a body that is not a reply", exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, EventName = "PeerHttp11", Level = LogLevel.Information,
            Message = "Peer {PeerId} at {Address} does not speak HTTP/2 over cleartext; calling it over HTTP/1.1. "
                + "List its cluster address (--cluster-urls) in --peers for HTTP/2")]
        public static partial void FellBackToHttp11(ILogger logger, string peerId, Uri address);
    }
}
