using Edgewise.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Security;

/// <summary>Tells the operator at start how the node authenticates devices and peers, and warns while it is open.</summary>
internal sealed partial class SecurityNotice(
    IOptions<NodeOptions> options,
    KeyRing keys,
    ClusterAccess cluster,
    ILogger<SecurityNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.Security.Open)
        {
            Log.Open(logger);
        }
        else if (keys.ValidCount == 0)
        {
            Log.NoKeys(logger, keys.Path);
        }

        if (cluster.Trust is { } trust)
        {
            Log.ClusterTls(logger, trust.Certificate.Subject);
        }
        else if (value.Peers.Count > 0 || value.ClusterUrls.Count > 0)
        {
            Log.ClusterPlain(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 720, EventName = "OpenMode", Level = LogLevel.Warning,
            Message = "OPEN MODE: readings and reads are accepted without an API key. For trials only; "
                + "never on a network others can reach")]
        public static partial void Open(ILogger logger);

        [LoggerMessage(EventId = 721, EventName = "NoKeys", Level = LogLevel.Warning,
            Message = "No valid API key in {Path}: every device request will be refused with 401. "
                + "Make one with `edgewise keys create --data <dir>`")]
        public static partial void NoKeys(ILogger logger, string path);

        [LoggerMessage(EventId = 722, EventName = "ClusterTls", Level = LogLevel.Information,
            Message = "Peers authenticate with mutual TLS; this node is {Subject}")]
        public static partial void ClusterTls(ILogger logger, string subject);

        [LoggerMessage(EventId = 723, EventName = "ClusterPlain", Level = LogLevel.Warning,
            Message = "OPEN MODE: cluster traffic is plain HTTP and the internal endpoints trust anyone who reaches them")]
        public static partial void ClusterPlain(ILogger logger);
    }
}
