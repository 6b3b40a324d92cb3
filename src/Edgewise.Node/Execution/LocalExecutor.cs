using System.Collections.Concurrent;
using System.Diagnostics;
using Edgewise.Node.Hosting;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;
using Edgewise.Vibration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Execution;

/// <summary>
/// The node's workers: a FIFO queue of tasks (its own and its peers') and a fixed number of
/// dedicated threads computing them. Emulated slowness (speed below 1) holds the worker for the
/// extra time without using the CPU, the way a slower machine would be busy, and the extra time
/// is carried across tasks so sub-millisecond debts add up instead of rounding away.
/// </summary>
internal sealed partial class LocalExecutor : IDisposable
{
    private const double ServiceTimeSmoothing = 0.1;

    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());
    private readonly Thread[] _workers;
    private readonly KindCatalogue _catalogue;
    private readonly ProcessingOptions _processing;
    private readonly VibrationAnalyzer _analyzer;
    private readonly string _nodeId;
    private readonly double _speed;
    private readonly ILogger<LocalExecutor> _logger;
    private readonly Lock _serviceTimeLock = new();
    private int _inFlight;
    private double _serviceTimeMs;

    public LocalExecutor(
        IOptions<NodeOptions> options,
        NodeIdentity identity,
        KindCatalogue catalogue,
        ProcessingOptions processing,
        VibrationAnalyzer analyzer,
        ILogger<LocalExecutor> logger)
    {
        _analyzer = analyzer;
        var value = options.Value;
        _catalogue = catalogue;
        _processing = processing;
        _nodeId = identity.Id;
        _speed = value.Speed;
        _logger = logger;
        _workers = new Thread[value.Workers];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"edgewise-worker-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Tasks waiting for a worker.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Tasks being computed.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Worker threads.</summary>
    public int Workers => _workers.Length;

    /// <summary>Smoothed time a task holds a worker, in milliseconds; 0 before the first task.</summary>
    public double ServiceTimeMs
    {
        get
        {
            lock (_serviceTimeLock)
            {
                return _serviceTimeMs;
            }
        }
    }

    /// <summary>Queues a task; the returned task completes with its outcome.</summary>
    public Task<TaskOutcome> RunAsync(WorkTask task)
    {
        var item = new AwaitedWork(task);
        _queue.Add(item);

        return item.Done.Task;
    }

    /// <summary>
    /// Queues a work item whose <see cref="WorkItem.Completed"/> or <see cref="WorkItem.Failed"/>
    /// runs on the worker thread that computed it, without a hop through the thread pool.
    /// </summary>
    public void Run(WorkItem item) => _queue.Add(item);

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(10));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        var debt = TimeSpan.Zero;
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            Interlocked.Increment(ref _inFlight);
            var started = Stopwatch.GetTimestamp();
            TaskOutcome outcome;
            try
            {
                outcome = TaskComputation.Compute(item.Task, _catalogue, _processing, _analyzer, _nodeId);
                debt += EmulatedExtra(Stopwatch.GetElapsedTime(started));
                debt = HoldWorker(debt);
            }
            catch (Exception exception)
            {
                Interlocked.Decrement(ref _inFlight);
                Log.TaskFailed(_logger, item.Task.TaskId, exception);
                item.Failed(exception);
                continue;
            }

            var serviceMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RecordServiceTime(serviceMs);
            Interlocked.Decrement(ref _inFlight);
            item.Completed(outcome with { ServiceTimeMs = serviceMs });
        }
    }

    private TimeSpan EmulatedExtra(TimeSpan compute) =>
        _speed >= 1.0 ? TimeSpan.Zero : compute * ((1.0 / _speed) - 1.0);

    private static TimeSpan HoldWorker(TimeSpan debt)
    {
        if (debt < TimeSpan.FromMilliseconds(1))
        {
            return debt;
        }

        var slept = Stopwatch.GetTimestamp();
        Thread.Sleep(debt);

        return debt - Stopwatch.GetElapsedTime(slept);
    }

    private void RecordServiceTime(double milliseconds)
    {
        lock (_serviceTimeLock)
        {
            _serviceTimeMs = _serviceTimeMs == 0
                ? milliseconds
                : _serviceTimeMs + (ServiceTimeSmoothing * (milliseconds - _serviceTimeMs));
        }
    }

    /// <summary>A task waiting for a worker, and what to do with its outcome.</summary>
    internal abstract class WorkItem(WorkTask task)
    {
        public WorkTask Task { get; } = task;

        /// <summary>Called on the worker thread with the outcome; must not throw.</summary>
        public abstract void Completed(TaskOutcome outcome);

        /// <summary>Called on the worker thread when computing failed; must not throw.</summary>
        public abstract void Failed(Exception exception);
    }

    private sealed class AwaitedWork(WorkTask task) : WorkItem(task)
    {
        public TaskCompletionSource<TaskOutcome> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Completed(TaskOutcome outcome) => Done.TrySetResult(outcome);

        public override void Failed(Exception exception) => Done.TrySetException(exception);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, EventName = "TaskFailed", Level = LogLevel.Error,
            Message = "Task {TaskId} failed while computing")]
        public static partial void TaskFailed(ILogger logger, string taskId, Exception exception);
    }
}
