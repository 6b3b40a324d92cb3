using Edgewise.Node.Storage;
using Edgewise.Node.Telemetry;
using Edgewise.Processing;
using Edgewise.Tasks;

namespace Edgewise.Node.Execution;

/// <summary>
/// The home node's half of a task: whoever computed it, the outcome is applied here, to the
/// device's state, its one-minute aggregates and its alerts, and stored. Completes once the
/// results are committed.
/// </summary>
internal sealed class ResultApplier(
    DeviceRegistry devices,
    TumblingAggregator aggregator,
    AlertEvaluator alerts,
    NodeStore store,
    NodeStats stats,
    TimeProvider time)
{
    public async Task ApplyAsync(WorkTask task, TaskOutcome outcome, string placedOn, int attempts)
    {
        devices.Get(task.DeviceId).Apply(task, outcome);

        var now = time.GetUtcNow();
        for (var i = 0; i < task.Readings.Count; i++)
        {
            var reading = task.Readings[i];
            store.SaveAggregates(aggregator.Add(reading, outcome.Readings[i], now));
            store.SaveAlerts(alerts.Evaluate(reading));
        }

        var latency = now - task.CreatedAt;
        await store.CompleteAsync(new StoreCommand.Complete(
            task,
            outcome,
            placedOn,
            attempts,
            latency.TotalMilliseconds,
            now.ToUnixTimeMilliseconds()));
        stats.Completed(time.GetUtcNow() - task.CreatedAt);
    }
}
