using Edgewise.Simulator.Sending;

namespace Edgewise.Simulator;

/// <summary>Makes progress snapshots, with the sending rate since the previous snapshot.</summary>
internal sealed class ProgressReporter(
    TimeProvider timeProvider,
    ReadingSender sender,
    IReadOnlyList<Uri> nodes,
    long startedAt)
{
    private TimeSpan _lastElapsed;
    private long _lastSent;

    public SimulationProgress Next()
    {
        var elapsed = timeProvider.GetElapsedTime(startedAt);
        var snapshot = new SimulationProgress(elapsed, sender.Snapshot(nodes), 0);
        var seconds = (elapsed - _lastElapsed).TotalSeconds;
        var rate = seconds > 0 ? (snapshot.Sent - _lastSent) / seconds : 0;
        _lastElapsed = elapsed;
        _lastSent = snapshot.Sent;

        return snapshot with { ReadingsPerSecond = rate };
    }
}
