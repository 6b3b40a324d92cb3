using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Node.Storage;

/// <summary>One unit of work for the store's writer; commands that arrive together share a transaction.</summary>
internal abstract record StoreCommand
{
    public sealed record Admit(IReadOnlyList<Reading> Readings, long ReceivedAt, bool NodeNumbered) : StoreCommand
    {
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
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed record SaveAggregates(IReadOnlyList<Aggregate> Aggregates) : StoreCommand;

    public sealed record SaveAlerts(IReadOnlyList<Alert> Alerts) : StoreCommand;

    public sealed record Barrier : StoreCommand
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
