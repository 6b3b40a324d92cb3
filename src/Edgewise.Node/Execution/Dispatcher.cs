using Edgewise.Node.Cluster;
using Edgewise.Node.Hosting;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Edgewise.Tasks;
using Edgewise.Traces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Execution;

/// <summary>
/// Places each task the node makes: asks the policy for a candidate among itself and its
/// healthy peers, runs the task there, and applies the outcome here. A peer that fails or times
/// out is marked down and, after a short backoff, the task is placed again among the candidates
/// not yet tried; after <see cref="NodeOptions.MaxPeerAttempts"/> failed peers it runs here. A
/// timed-out call is cancelled, so a late reply is never applied, and the store keeps one result
/// per task id. A task is never offloaded by the peer that received it.
/// When a task's result is back, its trace (the chosen candidate's features at placement and the
/// latency since) goes to the trace sink. A share of placements may explore: a candidate drawn at
/// random instead of the policy's choice.
/// </summary>
internal sealed partial class Dispatcher(
    IPlacementPolicy policy,
    PlacementContext context,
    Exploration exploration,
    ITraceSink traces,
    LocalExecutor executor,
    PeerDirectory directory,
    PeerClient client,
    ResultApplier applier,
    Backlog backlog,
    NodeStats stats,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    ILogger<Dispatcher> logger)
{
    private readonly int _maxPeerAttempts = options.Value.MaxPeerAttempts;
    private readonly TimeSpan _retryBackoff = options.Value.RetryBackoff;

    private readonly Lock _pendingLock = new();
    private int _pending;
    private TaskCompletionSource _idleSignal = CompletedSource();

    /// <summary>Tasks placed and not yet applied.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public string PolicyName => policy.Name;

    /// <summary>Places and runs a task in the background; failures are logged, never lost silently.</summary>
    public void Dispatch(WorkTask task)
    {
        // The count and the idle signal change together under one lock, so a task finishing
        // as another starts cannot complete the signal of the new busy period.
        lock (_pendingLock)
        {
            if (_pending++ == 0)
            {
                _idleSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        stats.TaskCreated();
        Place(task, attempts: 1, tried: null);
    }

    /// <summary>Completes when no task is pending, or when <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitIdleAsync(CancellationToken cancellationToken)
    {
        lock (_pendingLock)
        {
            return _pending == 0 ? Task.CompletedTask : _idleSignal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Places the task among itself and the healthy peers not yet <paramref name="tried"/>. A
    /// task placed here is computed on a worker and applied there, its end reported by the
    /// store's writer; a task placed on a peer waits for the reply asynchronously.
    /// </summary>
    private void Place(WorkTask task, int attempts, List<PeerState>? tried)
    {
        try
        {
            var peers = new List<PeerState>(directory.Peers.Count);
            var candidates = new List<PlacementCandidate>(directory.Peers.Count + 1) { Self() };
            var triedCount = tried?.Count ?? 0;
            foreach (var peer in directory.Peers)
            {
                if (triedCount < _maxPeerAttempts && peer.IsHealthy && tried?.Contains(peer) != true)
                {
                    peers.Add(peer);
                    candidates.Add(peer.Candidate(context.Time));
                }
            }

            var placement = task.Placement;
            var explored = exploration.TryChoose(candidates.Count, context.Random, out var chosen);
            if (explored)
            {
                stats.Explored();
            }
            else
            {
                chosen = candidates.Count == 1 ? 0 : policy.Choose(placement, candidates, context);
            }

            chosen = chosen > 0 && chosen < candidates.Count ? chosen : 0;
            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.Placed(logger, task.TaskId, task.DeviceId, task.Readings.Count, candidates[chosen].NodeId, attempts);
            }

            var trace = new Placed(
                context.Time.GetUtcNow(),
                context.Time.GetTimestamp(),
                PlacementFeatures.From(placement, candidates[chosen]),
                explored,
                candidates.Count);
            if (chosen == 0)
            {
                executor.Run(new LocalRun(this, task, trace, attempts));
            }
            else
            {
                _ = RunOnPeerAsync(task, peers[chosen - 1], trace, attempts, tried ?? []);
            }
        }
        catch (Exception exception)
        {
            Lost(task, exception);
        }
    }

    private async Task RunOnPeerAsync(WorkTask task, PeerState target, Placed trace, int attempts, List<PeerState> tried)
    {
        target.TaskSent();
        try
        {
            var (reply, roundTrip) = await client.RunAsync(target, task, CancellationToken.None);
            target.TaskReturned();
            target.Report(reply.Load, context.Time.GetTimestamp());
            target.RoundTrip(roundTrip - TimeSpan.FromMilliseconds(reply.Outcome.ServiceTimeMs));
            stats.DoneByPeer(target.Id, task.Readings.Count);
            Record(task, trace, target.Id);
            await applier.ApplyAsync(task, reply.Outcome, target.Id, attempts);
            Finish(task);
        }
        catch (PeerUnavailableException exception)
        {
            target.TaskReturned();
            directory.MarkDown(target, exception.Message);
            stats.AttemptFailed();
            tried.Add(target);
            Log.Replaced(logger, task.TaskId, target.Id, exception.Message);
            await Task.Delay(Backoff(tried.Count), context.Time);
            Place(task, attempts + 1, tried);
        }
        catch (Exception exception)
        {
            Lost(task, exception);
        }
    }

    private void ApplyHere(WorkTask task, TaskOutcome outcome, Placed trace, int attempts, Action<Exception?> committed)
    {
        stats.DoneHere(task.Readings.Count);
        Record(task, trace, identity.Id);
        applier.Apply(task, outcome, identity.Id, attempts, committed);
    }

    private void Lost(WorkTask task, Exception exception)
    {
        Log.TaskLost(logger, task.TaskId, task.DeviceId, exception);
        Finish(task);
    }

    /// <summary>The task is applied (or given up): its readings leave the backlog and it stops being pending.</summary>
    private void Finish(WorkTask task)
    {
        backlog.Applied(task.Readings.Count);
        TaskCompletionSource? idle = null;
        lock (_pendingLock)
        {
            if (--_pending == 0)
            {
                idle = _idleSignal;
            }
        }

        idle?.TrySetResult();
    }

    private void Record(WorkTask task, Placed placed, string nodeId)
    {
        traces.Write(new TaskTrace(
            task.TaskId,
            placed.At,
            identity.Id,
            nodeId,
            policy.Name,
            placed.Explored,
            placed.CandidateCount,
            placed.Features,
            context.Time.GetElapsedTime(placed.Timestamp).TotalMilliseconds));
    }

    /// <summary>
    /// The wait before placing a task again after its <paramref name="failures"/>-th failed peer
    /// attempt: the base backoff doubled per failure, with up to half again of random jitter, so
    /// the tasks a dead peer held do not all land on the next candidate at once.
    /// </summary>
    private TimeSpan Backoff(int failures)
    {
        var delay = _retryBackoff * Math.Pow(2, failures - 1);
        double jitter;
        lock (context)
        {
            jitter = context.Random.NextDouble();
        }

        return delay * (1 + (jitter / 2));
    }

    private PlacementCandidate Self() => new(
        identity.Id,
        true,
        new LoadView(executor.QueueLength, executor.InFlight, executor.Workers, executor.ServiceTimeMs, TimeSpan.Zero),
        TimeSpan.Zero);

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();

        return source;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, EventName = "TaskPlaced", Level = LogLevel.Debug,
            Message = "Task {TaskId} of {DeviceId} ({Readings} readings) placed on {NodeId}, attempt {Attempt}")]
        public static partial void Placed(ILogger logger, string taskId, string deviceId, int readings, string nodeId, int attempt);

        [LoggerMessage(EventId = 401, EventName = "TaskReplaced", Level = LogLevel.Information,
            Message = "Task {TaskId} failed on peer {PeerId} ({Reason}); placing it again")]
        public static partial void Replaced(ILogger logger, string taskId, string peerId, string reason);

        [LoggerMessage(EventId = 402, EventName = "TaskLost", Level = LogLevel.Error,
            Message = "Task {TaskId} of {DeviceId} could not be completed; its readings stay "
                + "unprocessed in the store and are processed at the next start")]
        public static partial void TaskLost(ILogger logger, string taskId, string deviceId, Exception exception);
    }

    /// <summary>
    /// A task placed here: computed on a worker, applied on that worker, and finished when the
    /// store's writer reports its results committed.
    /// </summary>
    private sealed class LocalRun(Dispatcher owner, WorkTask task, Placed trace, int attempts) : LocalExecutor.WorkItem(task)
    {
        public override void Completed(TaskOutcome outcome)
        {
            try
            {
                owner.ApplyHere(Task, outcome, trace, attempts, Committed);
            }
            catch (Exception exception)
            {
                owner.Lost(Task, exception);
            }
        }

        public override void Failed(Exception exception) => owner.Lost(Task, exception);

        private void Committed(Exception? error)
        {
            if (error is null)
            {
                owner.Finish(Task);
            }
            else
            {
                owner.Lost(Task, error);
            }
        }
    }

    /// <summary>What a trace needs from the moment of placement.</summary>
    private readonly record struct Placed(
        DateTimeOffset At,
        long Timestamp,
        PlacementFeatures Features,
        bool Explored,
        int CandidateCount);
}
