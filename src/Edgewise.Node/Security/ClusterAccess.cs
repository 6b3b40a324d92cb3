using Edgewise.Node.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Security;

/// <summary>
/// Who may call the internal endpoints. With cluster certificates: only a connection whose client
/// certificate the cluster's authority signed (the cluster listener requires one at the TLS
/// handshake; the device listener asks for none, so internal calls there are refused). Without
/// certificates, which only open mode allows: anyone who reaches the port.
/// </summary>
internal sealed partial class ClusterAccess : IDisposable
{
    public const string PeerCertificateRequired = "urn:edgewise:problem:peer-certificate-required";

    private readonly ILogger<ClusterAccess> _logger;
    private readonly long _maxBody;

    public ClusterAccess(IOptions<NodeOptions> options, ILogger<ClusterAccess> logger)
    {
        _logger = logger;

        // A task carries at most a batch or one vibration window, in JSON: a few times a device body.
        _maxBody = options.Value.MaxRequestBodyBytes * 4;
        var security = options.Value.Security;
        Trust = security.HasClusterCertificates ? ClusterTrust.Load(security) : null;
    }

    /// <summary>The node's cluster identity; null when cluster traffic is plain (open mode only).</summary>
    public ClusterTrust? Trust { get; }

    /// <summary>
    /// Middleware before the internal endpoints, so a refused caller's body is never read: 403 for
    /// a caller without a cluster certificate, and a body limit for everyone.
    /// </summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = _maxBody;
        }

        var certificate = context.Connection.ClientCertificate;
        if (Trust is null || (certificate is not null && Trust.IsSignedByAuthority(certificate, ClusterCertificates.ClientAuth)))
        {
            await next(context);

            return;
        }

        Log.PeerRefused(_logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString(), certificate?.Subject);
        await TypedResults.Problem(
                "Internal endpoints answer only peers presenting a certificate signed by the cluster's authority, "
                + "on the cluster listener (Node:ClusterUrls).",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Peer certificate required",
                type: PeerCertificateRequired)
            .ExecuteAsync(context);
    }

    public void Dispose() => Trust?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, EventName = "PeerRefused", Level = LogLevel.Warning,
            Message = "Refused {Path} from {Remote}: no client certificate signed by the cluster's authority (presented: {Subject})")]
        public static partial void PeerRefused(ILogger logger, string path, string? remote, string? subject);
    }
}
