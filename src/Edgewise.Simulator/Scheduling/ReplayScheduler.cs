using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Scheduling;

/// <summary>
/// Releases every device's ticks at wall start + offset / speed-up. One loop over a priority queue
/// of each device's next offset replaces a timer per device, so thousands of devices cost one
/// pending delay at a time and ticks leave in offset order.
/// </summary>
internal sealed class ReplayScheduler(TimeProvider timeProvider)
{
    /// <summary>
    /// Runs until the replayed data ends, <paramref name="duration"/> of wall time is used up, or
    /// cancellation. Timestamps are <paramref name="start"/> + offset.
    /// </summary>
    public async Task<SimulationStopReason> RunAsync(
        IReadOnlyList<IDeviceSource> devices,
        DateTimeOffset start,
        double speedUp,
        TimeSpan? duration,
        Action<IReadOnlyList<SimulatedReading>> dispatch,
        CancellationToken cancellationToken)
    {
        var queue = new PriorityQueue<DeviceCursor, (TimeSpan Offset, int Order)>();
        var cursors = new List<DeviceCursor>(devices.Count);
        try
        {
            var finite = 0;
            for (var i = 0; i < devices.Count; i++)
            {
                var cursor = new DeviceCursor(devices[i], i, devices[i].ReadAll(start).GetEnumerator());
                cursors.Add(cursor);
                if (cursor.Advance())
                {
                    queue.Enqueue(cursor, (cursor.NextOffset, i));
                    finite += devices[i].IsEndless ? 0 : 1;
                }
            }

            // Endless devices accompany a replay; alone, they run until the duration or cancellation.
            var stopWhenFiniteEnd = duration is null && finite > 0;
            while (queue.TryPeek(out var cursor, out var priority))
            {
                if (stopWhenFiniteEnd && finite == 0)
                {
                    return SimulationStopReason.DataEnded;
                }

                var dueAfter = priority.Offset / speedUp;
                if (duration is { } limit && dueAfter >= limit)
                {
                    return SimulationStopReason.DurationElapsed;
                }

                var wait = start + dueAfter - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
                queue.Dequeue();
                dispatch(cursor.TakeTick());
                if (cursor.HasNext)
                {
                    queue.Enqueue(cursor, (cursor.NextOffset, cursor.Order));
                }
                else if (!cursor.Device.IsEndless)
                {
                    finite--;
                }
            }

            return SimulationStopReason.DataEnded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SimulationStopReason.Cancelled;
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }
}
