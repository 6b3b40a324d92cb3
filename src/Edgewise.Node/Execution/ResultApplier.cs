using Edgewise.Node.Storage;
using Edgewise.Node.Telemetry;
using Edgewise.Processing;
using Edgewise.Placement;
using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Node.Execution;

/// <summary>
/// The home node's half of a task: whoever computed it, the outcome is applied here, to the
/// device's state, its one-minute aggregates and its alerts, and stored. Completes once the
/// results are committed; the local path does not wait on a task but is called back from the
/// store's writer.
/// </summary>
internal sealed class ResultApplier(
    DeviceRegistry devices,
    TumblingAggregator aggregator,
    AlertEvaluator alerts,
    VibrationScorer scorer,
    VibrationAlerts vibrationAlerts,
    NodeStore store,
    NodeStats stats,
    TimeProvider time)
{
    /// <summary>Applies a task's outcome and completes once its results are committed.</summary>
    public Task ApplyAsync(WorkTask task, TaskOutcome outcome, string placedOn, int attempts) =>
        store.CompleteAsync(Prepare(task, outcome, placedOn, attempts, committed: null));

    /// <summary>
    /// Applies a task's outcome and queues its results for the store without waiting:
    /// <paramref name="committed"/> is called on the store's writer thread once they are
    /// committed (with null) or failed (with the error), so it must be quick and never block.
    /// </summary>
    public void Apply(WorkTask task, TaskOutcome outcome, string placedOn, int attempts, Action<Exception?> committed) =>
        store.Complete(Prepare(task, outcome, placedOn, attempts, committed));

    /// <summary>Applies the outcome to the device's state, aggregates and alerts; returns the results to store.</summary>
    private StoreCommand.Complete Prepare(
        WorkTask task,
        TaskOutcome outcome,
        string placedOn,
        int attempts,
        Action<Exception?>? committed)
    {
        var now = time.GetUtcNow();
        if (task.Kind == TaskKind.Vibration)
        {
            outcome = ApplyVibration(task, outcome);
        }
        else
        {
            devices.Get(task.DeviceId).Apply(task, outcome);
            for (var i = 0; i < task.Readings.Count; i++)
            {
                var reading = task.Readings[i];
                store.SaveAggregates(aggregator.Add(reading, outcome.Readings[i], now));
                store.SaveAlerts(alerts.Evaluate(reading));
            }
        }

        var latency = now - task.CreatedAt;

        return new StoreCommand.Complete(task, outcome, placedOn, attempts, latency.TotalMilliseconds, now.ToUnixTimeMilliseconds())
        {
            Committed = error =>
            {
                if (error is null)
                {
                    stats.Completed(time.GetUtcNow() - task.CreatedAt);
                }

                committed?.Invoke(error);
            },
        };
    }

    /// <summary>
    /// Scores the window against the device's own baseline (only the home node has it), records
    /// the score in the device's state, raises or clears its alert, and returns the outcome with
    /// the score in place of a z-score, so the stored result carries the home node's verdict.
    /// </summary>
    private TaskOutcome ApplyVibration(WorkTask task, TaskOutcome outcome)
    {
        var window = task.Readings[0];
        var computed = outcome.Readings[0];
        if (computed.Features is not { } features)
        {
            throw new InvalidOperationException($"Vibration task {task.TaskId} came back without features.");
        }

        var score = scorer.Score(task.DeviceId, window.Channel, features);
        devices.Get(task.DeviceId).ApplyVibration(task, outcome, score);
        store.SaveAlerts(vibrationAlerts.Evaluate(window, score));

        return outcome with { Readings = [computed with { ZScore = score.Score, Anomaly = score.Anomaly }] };
    }
}
