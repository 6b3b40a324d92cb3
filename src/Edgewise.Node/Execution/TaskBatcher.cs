using System.Collections.Concurrent;
using Edgewise.Node.Hosting;
using Edgewise.Placement;
using Edgewise.Readings;
using Edgewise.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Execution;

/// <summary>
/// Gathers each device's new readings for a short window and cuts them into one task, so a
/// device that sends often is placed once per window instead of once per reading. A batch is
/// cut early when it reaches the size limit. Batches wait in a queue in the order they opened,
/// so a tick of the timer looks only at the batches that are due, not at every device seen.
/// </summary>
internal sealed class TaskBatcher(
    Dispatcher dispatcher,
    DeviceRegistry devices,
    NodeIdentity identity,
    IOptions<NodeOptions> options,
    TimeProvider time) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DeviceBatch> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(DeviceBatch Batch, DateTimeOffset Opened)> _opened = new();
    private readonly int _maxReadings = options.Value.MaxBatchReadings;

    /// <summary>Readings waiting in a batch.</summary>
    public int Waiting => _batches.Values.Sum(batch => batch.Count);

    /// <summary>Adds new readings; each lands in its device's batch.</summary>
    public void Add(IReadOnlyList<Reading> readings)
    {
        var now = time.GetUtcNow();
        foreach (var reading in readings)
        {
            if (reading.Samples is not null)
            {
                // A vibration window is a task of its own: it is the heavy work placement moves.
                Dispatch(reading.DeviceId, TaskKind.Vibration, ([reading], now));
                continue;
            }

            var batch = _batches.GetOrAdd(reading.DeviceId, static id => new DeviceBatch(id));
            var (full, opened) = batch.Add(reading, now, _maxReadings);
            if (opened && full is null)
            {
                _opened.Enqueue((batch, now));
            }

            if (full is { } readingsOfTask)
            {
                Dispatch(batch.DeviceId, TaskKind.Scalar, readingsOfTask);
            }
        }
    }

    /// <summary>Cuts every waiting batch into a task now.</summary>
    public void FlushAll() => Flush(DateTimeOffset.MaxValue);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = options.Value.BatchWindow;
        using var timer = new PeriodicTimer(window / 2, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush(time.GetUtcNow() - window);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the engine flushes what is left.
        }
    }

    private void Flush(DateTimeOffset openedBefore)
    {
        // An entry may be stale: its batch was cut at the size limit meanwhile, and maybe opened
        // again (with an entry of its own further back). Taking checks the batch's own time.
        // Threads that add concurrently may enqueue slightly out of time order; such an entry
        // waits at most one more tick.
        while (_opened.TryPeek(out var entry) && entry.Opened <= openedBefore && _opened.TryDequeue(out entry))
        {
            if (entry.Batch.TakeIfOpenedBefore(openedBefore) is { } readings)
            {
                Dispatch(entry.Batch.DeviceId, TaskKind.Scalar, readings);
            }
        }
    }

    private void Dispatch(string deviceId, TaskKind kind, (List<Reading> Readings, DateTimeOffset Opened) batch)
    {
        var task = new WorkTask(
            Guid.CreateVersion7().ToString("N"),
            identity.Id,
            deviceId,
            kind,
            batch.Readings,
            devices.Get(deviceId).Baselines(),
            batch.Opened);
        dispatcher.Dispatch(task);
    }

    private sealed class DeviceBatch(string deviceId)
    {
        private readonly Lock _lock = new();
        private List<Reading> _readings = [];
        private DateTimeOffset _opened;

        public string DeviceId { get; } = deviceId;

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _readings.Count;
                }
            }
        }

        /// <summary>Adds a reading; returns the batch when it is full, and whether this reading opened it.</summary>
        public ((List<Reading>, DateTimeOffset)? Full, bool Opened) Add(Reading reading, DateTimeOffset now, int max)
        {
            lock (_lock)
            {
                var opened = _readings.Count == 0;
                if (opened)
                {
                    _opened = now;
                }

                _readings.Add(reading);

                return (_readings.Count >= max ? Take() : null, opened);
            }
        }

        public (List<Reading>, DateTimeOffset)? TakeIfOpenedBefore(DateTimeOffset openedBefore)
        {
            lock (_lock)
            {
                return _readings.Count > 0 && _opened <= openedBefore ? Take() : null;
            }
        }

        private (List<Reading>, DateTimeOffset) Take()
        {
            var taken = (_readings, _opened);
            _readings = [];

            return taken;
        }
    }
}
