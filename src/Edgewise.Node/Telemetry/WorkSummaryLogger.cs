using Edgewise.Node.Execution;
using Edgewise.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Telemetry;

/// <summary>
/// Every few seconds, one Information line saying where this node's work went since the last
/// line: tasks it computed for itself, tasks each peer computed for it, and tasks it computed for
/// peers. One node's log then shows how its load was shared.
/// </summary>
internal sealed partial class WorkSummaryLogger(
    NodeStats stats,
    LocalExecutor executor,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<WorkSummaryLogger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SummaryInterval, time);
        long here = 0, forPeers = 0, received = 0;
        var sent = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var nowHere = stats.TasksDoneHere;
                var nowForPeers = stats.TasksDoneForPeers;
                var nowReceived = stats.ReadingsReceived;
                var perPeer = stats.SentToPeers();
                var sentText = string.Join(
                    ", ",
                    perPeer.Select(pair => $"{pair.Key} {pair.Value.Tasks - sent.GetValueOrDefault(pair.Key)}"));
                Log.Summary(
                    logger,
                    identity.Id,
                    nowReceived - received,
                    nowHere - here,
                    sentText.Length == 0 ? "none" : sentText,
                    nowForPeers - forPeers,
                    executor.QueueLength);

                here = nowHere;
                forPeers = nowForPeers;
                received = nowReceived;
                foreach (var (peer, work) in perPeer)
                {
                    sent[peer] = work.Tasks;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, EventName = "WorkSummary", Level = LogLevel.Information,
            Message = "{NodeId}: received {Readings} readings; computed {Here} tasks itself; "
                + "sent to peers: {Sent}; computed {ForPeers} for peers; queue {Queue}")]
        public static partial void Summary(
            ILogger logger,
            string nodeId,
            long readings,
            long here,
            string sent,
            long forPeers,
            int queue);
    }
}
