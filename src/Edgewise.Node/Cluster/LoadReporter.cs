using Edgewise.Node.Execution;
using Edgewise.Node.Hosting;
using Edgewise.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Cluster;

/// <summary>
/// Sends this node's load report to every peer at the configured interval and records the
/// report each peer sends back, so views stay as fresh as the interval allows. A peer that is
/// down is contacted only when its probe is due; the first answer marks it up again.
/// </summary>
internal sealed partial class LoadReporter(
    PeerDirectory directory,
    PeerClient client,
    LocalExecutor executor,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<LoadReporter> logger) : BackgroundService
{
    /// <summary>This node's load now.</summary>
    public LoadReport Current() => new(
        identity.Id,
        executor.QueueLength,
        executor.InFlight,
        executor.Workers,
        executor.ServiceTimeMs,
        time.GetUtcNow());

    /// <summary>Records a report pushed by a peer.</summary>
    public void Received(LoadReport report)
    {
        var peer = directory.FindById(report.NodeId);
        if (peer is not null)
        {
            peer.Report(report, time.GetTimestamp());
            directory.MarkUp(peer);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (directory.Peers.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.LoadReportInterval, time);
        try
        {
            do
            {
                var now = time.GetTimestamp();
                var report = Current();
                var exchanges = new List<Task>(directory.Peers.Count);
                foreach (var peer in directory.Peers)
                {
                    if (peer.IsDueForContact(now))
                    {
                        exchanges.Add(ExchangeAsync(peer, report, stoppingToken));
                    }
                }

                await Task.WhenAll(exchanges);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }

    private async Task ExchangeAsync(PeerState peer, LoadReport report, CancellationToken stoppingToken)
    {
        try
        {
            var (reply, roundTrip) = await client.ExchangeLoadAsync(peer, report, stoppingToken);
            peer.Report(reply, time.GetTimestamp());
            peer.RoundTrip(roundTrip);
            directory.MarkUp(peer);
        }
        catch (PeerUnavailableException exception)
        {
            directory.MarkDown(peer, exception.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last exchange is abandoned on purpose.
        }
        catch (Exception exception)
        {
            Log.ExchangeFailed(logger, peer.Id, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 310, EventName = "LoadExchangeFailed", Level = LogLevel.Warning,
            Message = "Load report exchange with {PeerId} failed unexpectedly")]
        public static partial void ExchangeFailed(ILogger logger, string peerId, Exception exception);
    }
}
