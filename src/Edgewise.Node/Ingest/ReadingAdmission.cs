using Edgewise.Node.Execution;
using Edgewise.Node.Storage;
using Edgewise.Node.Telemetry;
using Edgewise.Readings;
using Microsoft.Extensions.Logging;

namespace Edgewise.Node.Ingest;

/// <summary>
/// The one way readings enter a node, whatever carried them (HTTP or MQTT): make the valid
/// readings durable in the store, hand the new ones to the batcher, and say what was acknowledged.
/// A retry of an accepted (device, sequence) is acknowledged again and not processed twice.
/// </summary>
internal sealed partial class ReadingAdmission(
    NodeStore store,
    TaskBatcher batcher,
    Backlog backlog,
    NodeStats stats,
    TimeProvider time,
    ILogger<ReadingAdmission> logger)
{
    /// <summary>
    /// Admits the accepted readings of <paramref name="parsed"/>, for which the caller has
    /// reserved room in the <see cref="Backlog"/>; completes once they are committed (with
    /// <paramref name="durable"/> false, the benchmark's in-memory acknowledgement, once the store
    /// has decided which are new). <paramref name="nodeNumbered"/> readings (prototype formats)
    /// get their sequence numbers from the node as they are stored.
    /// </summary>
    public async Task<Admission> AdmitAsync(ReadingParseResult parsed, bool nodeNumbered, bool durable = true)
    {
        ArgumentNullException.ThrowIfNull(parsed);

        var readings = new Reading[parsed.Accepted.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = parsed.Accepted[i].Reading;
        }

        if (readings.Length == 0)
        {
            return new Admission([], parsed.Rejected, StoreFailed: false);
        }

        AdmittedReading[] admitted;
        try
        {
            admitted = await store.AdmitAsync(readings, time.GetUtcNow().ToUnixTimeMilliseconds(), nodeNumbered, durable);
        }
        catch (Exception exception)
        {
            backlog.Applied(readings.Length);
            Log.AdmissionFailed(logger, readings.Length, exception);

            return new Admission([], parsed.Rejected, StoreFailed: true);
        }

        var accepted = new List<AcceptedReading>(readings.Length);
        var rejected = new List<ReadingError>(parsed.Rejected);
        var fresh = new List<Reading>(readings.Length);
        for (var i = 0; i < readings.Length; i++)
        {
            var (reading, index) = (readings[i], parsed.Accepted[i].Index);
            var (sequence, isNew) = admitted[i];
            if (sequence < 0)
            {
                rejected.Add(new ReadingError(
                    parsed.IsBatch ? index : null,
                    "sequence",
                    $"device '{reading.DeviceId}' has used every sequence number up to {long.MaxValue}; it needs a new id"));
                continue;
            }

            accepted.Add(new AcceptedReading(index, reading.DeviceId, sequence, !isNew));
            if (isNew)
            {
                fresh.Add(nodeNumbered ? reading with { Sequence = sequence } : reading);
            }
        }

        stats.Received(fresh.Count, accepted.Count - fresh.Count);
        backlog.Applied(readings.Length - fresh.Count);
        batcher.Add(fresh);

        return new Admission(accepted, rejected, StoreFailed: false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, EventName = "AdmissionFailed", Level = LogLevel.Error,
            Message = "{Count} readings could not be stored and were not acknowledged")]
        public static partial void AdmissionFailed(ILogger logger, int count, Exception exception);
    }
}
