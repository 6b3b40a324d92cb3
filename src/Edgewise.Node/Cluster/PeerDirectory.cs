using System.Net;
using Edgewise.Node.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Cluster;

/// <summary>The node's peers, from the static list in its options, and their health.</summary>
internal sealed partial class PeerDirectory
{
    private static readonly TimeSpan MaxProbeDelay = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly TimeSpan _firstProbeDelay;
    private readonly ILogger<PeerDirectory> _logger;

    public PeerDirectory(IOptions<NodeOptions> options, TimeProvider time, ILogger<PeerDirectory> logger)
    {
        _time = time;
        _logger = logger;
        _firstProbeDelay = options.Value.PeerProbeDelay;
        var version = options.Value.PeerHttpVersion == "2" ? HttpVersion.Version20 : HttpVersion.Version11;
        Peers = [.. options.Value.Peers.Select(url => new PeerState(new Uri(url.TrimEnd('/') + "/")) { HttpVersion = version })];
    }

    public IReadOnlyList<PeerState> Peers { get; }

    public PeerState? FindById(string nodeId)
    {
        foreach (var peer in Peers)
        {
            if (string.Equals(peer.Id, nodeId, StringComparison.Ordinal))
            {
                return peer;
            }
        }

        return null;
    }

    public void MarkDown(PeerState peer, string reason)
    {
        if (peer.MarkDown(_time.GetTimestamp(), _time, _firstProbeDelay, MaxProbeDelay))
        {
            Log.PeerDown(_logger, peer.Id, peer.BaseAddress, reason);
        }
    }

    public void MarkUp(PeerState peer)
    {
        if (peer.MarkUp())
        {
            Log.PeerUp(_logger, peer.Id, peer.BaseAddress);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, EventName = "PeerDown", Level = LogLevel.Warning,
            Message = "Peer {PeerId} at {Address} marked down: {Reason}; its tasks go elsewhere until a probe succeeds")]
        public static partial void PeerDown(ILogger logger, string peerId, Uri address, string reason);

        [LoggerMessage(EventId = 301, EventName = "PeerUp", Level = LogLevel.Information,
            Message = "Peer {PeerId} at {Address} is up")]
        public static partial void PeerUp(ILogger logger, string peerId, Uri address);
    }
}
