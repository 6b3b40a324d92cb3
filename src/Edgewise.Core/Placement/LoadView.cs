namespace Edgewise.Placement;

/// <summary>
/// What a node knows of one candidate's load when it places a task: the candidate's last load
/// report, adjusted for the tasks this node has sent it since, and how old that report is.
/// </summary>
/// <param name="QueueLength">Tasks waiting for a worker.</param>
/// <param name="InFlight">Tasks being computed now.</param>
/// <param name="Workers">Worker count (emulated capacity on one machine).</param>
/// <param name="ServiceTimeMs">Estimated time one task holds a worker, in milliseconds.</param>
/// <param name="Age">How long ago the candidate measured these figures; zero for the node itself.</param>
public readonly record struct LoadView(
    int QueueLength,
    int InFlight,
    int Workers,
    double ServiceTimeMs,
    TimeSpan Age)
{
    /// <summary>Tasks queued or running per worker: the classic least-loaded measure.</summary>
    public double LoadPerWorker => (QueueLength + InFlight) / (double)Math.Max(1, Workers);
}
