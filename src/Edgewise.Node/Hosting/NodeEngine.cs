using Edgewise.Node.Execution;
using Edgewise.Node.Storage;
using Edgewise.Processing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Hosting;

/// <summary>
/// Starts and stops the node's work in order. At start it finds readings accepted before a crash
/// or stop but never processed, and processes them. At stop (after the server has stopped
/// accepting) it cuts the waiting batches, waits for every placed task to finish, closes the
/// open aggregates and flushes the store.
/// </summary>
internal sealed partial class NodeEngine(
    NodeStore store,
    TaskBatcher batcher,
    Dispatcher dispatcher,
    Backlog backlog,
    TumblingAggregator aggregator,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<NodeEngine> logger) : BackgroundService
{
    private static readonly TimeSpan AggregateIdle = TimeSpan.FromSeconds(10);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        Log.Started(
            logger,
            identity.Id,
            dispatcher.PolicyName,
            value.Workers,
            value.Speed,
            value.IsEmulated ? " (emulated)" : string.Empty,
            value.Peers.Count,
            store.DatabasePath);

        var unfinished = store.LoadUnfinished();
        if (unfinished.Count > 0)
        {
            Log.Recovering(logger, unfinished.Count);
            backlog.Added(unfinished.Count);
            batcher.Add(unfinished);
        }

        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        batcher.FlushAll();
        try
        {
            await dispatcher.WaitIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Log.StoppedWithPending(logger, dispatcher.Pending);
        }

        store.SaveAggregates(aggregator.FlushAll());
        await store.FlushAsync();
        Log.Stopped(logger, identity.Id);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.SaveAggregates(aggregator.FlushIdle(time.GetUtcNow(), AggregateIdle));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync closes the remaining aggregates.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "NodeStarted", Level = LogLevel.Information,
            Message = "Node {NodeId} started: policy {Policy}, {Workers} workers, speed {Speed}{Emulated}, {Peers} peers, store {Store}")]
        public static partial void Started(
            ILogger logger,
            string nodeId,
            string policy,
            int workers,
            double speed,
            string emulated,
            int peers,
            string store);

        [LoggerMessage(EventId = 2, EventName = "Recovering", Level = LogLevel.Information,
            Message = "Found {Count} accepted readings without results; processing them now")]
        public static partial void Recovering(ILogger logger, int count);

        [LoggerMessage(EventId = 3, EventName = "StoppedWithPending", Level = LogLevel.Warning,
            Message = "Stop timed out with {Pending} tasks pending; their readings are stored and are processed at the next start")]
        public static partial void StoppedWithPending(ILogger logger, int pending);

        [LoggerMessage(EventId = 4, EventName = "NodeStopped", Level = LogLevel.Information,
            Message = "Node {NodeId} stopped")]
        public static partial void Stopped(ILogger logger, string nodeId);
    }
}
