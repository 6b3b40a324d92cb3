using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Node.Storage;

/// <summary>One unit of work for the store's writer; commands that arrive together share a transaction.</summary>
internal abstract record StoreCommand
{
    public sealed record Admit(IReadOnlyList<Reading> Readings, long ReceivedAt, bool NodeNumbered) : StoreCommand
    {
        /// <summary>Set once the writer has decided which readings are new, before the commit.</summary>
        public TaskCompletionSource<AdmittedReading[]> Decided { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once the transaction holding the readings has committed.</summary>
        public TaskCompletionSource<AdmittedReading[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed record Complete(
        WorkTask Task,
        TaskOutcome Outcome,
        string PlacedOn,
        int Attempts,
        double LatencyMs,
        long CompletedAt) : StoreCommand
    {
        /// <summary>
        /// Called on the writer thread once the transaction holding the results has committed
        /// (with null) or failed (with the error). It must be quick and must not block: it runs
        /// between two transactions.
        /// </summary>
        public Action<Exception?>? Committed { get; init; }
    }

    public sealed record SaveAggregates(IReadOnlyList<Aggregate> Aggregates, long StoredAt) : StoreCommand;

    public sealed record SaveAlerts(IReadOnlyList<Alert> Alerts, long StoredAt) : StoreCommand;

    /// <summary>One retention pass; completes with the rows deleted.</summary>
    public sealed record Prune(long Cutoff, long MaxBytes) : StoreCommand
    {
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed record Barrier : StoreCommand
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
