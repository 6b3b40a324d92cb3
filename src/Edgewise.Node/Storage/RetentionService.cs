using Edgewise.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Storage;

/// <summary>
/// Keeps a node's disk use bounded: every <see cref="NodeOptions.RetentionInterval"/> it asks the
/// store to delete what is older than <see cref="NodeOptions.RetentionAge"/> (or the oldest rows
/// while the file is over <see cref="NodeOptions.MaxStoreBytes"/>), in chunks until nothing is
/// left to delete, and prunes the trace files under <c>&lt;data&gt;/traces</c>.
/// </summary>
internal sealed partial class RetentionService(
    NodeStore store,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    private const int MaxPassesPerRun = 100;

    /// <summary>Runs one retention pass now; returns the rows and files deleted.</summary>
    public async Task<(int Rows, int Files)> RunOnceAsync()
    {
        var value = options.Value;
        var cutoff = time.GetUtcNow() - value.RetentionAge;
        var rows = 0;
        for (var pass = 0; pass < MaxPassesPerRun; pass++)
        {
            var deleted = await store.PruneAsync(cutoff, value.MaxStoreBytes);
            rows += deleted;
            if (deleted == 0)
            {
                break;
            }
        }

        var files = FileRetention.Prune(
            Path.Combine(value.DataDirectory, FileRetention.TracesFolder),
            cutoff,
            value.MaxTraceBytes);
        if (rows > 0 || files > 0)
        {
            Log.Pruned(logger, rows, files);
        }

        return (rows, files);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunOnceAsync();
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.Failed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, EventName = "RetentionPruned", Level = LogLevel.Information,
            Message = "Retention deleted {Rows} stored rows and {Files} trace files")]
        public static partial void Pruned(ILogger logger, int rows, int files);

        [LoggerMessage(EventId = 111, EventName = "RetentionFailed", Level = LogLevel.Warning,
            Message = "A retention pass failed; the next one retries")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
