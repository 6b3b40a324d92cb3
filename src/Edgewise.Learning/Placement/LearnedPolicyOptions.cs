namespace Edgewise.Learning.Placement;

/// <summary>Settings of <see cref="LearnedPolicy"/>.</summary>
public sealed class LearnedPolicyOptions
{
    /// <summary>
    /// Milliseconds by which a peer's predicted latency must beat the node's own for the task
    /// to leave: offloading has costs the model may not see. Default 0.25 ms.
    /// </summary>
    public double MarginMs { get; set; } = 0.25;

    /// <summary>A peer's load view older than this makes the placement fall back to the heuristic. Default 2 s.</summary>
    public TimeSpan MaxInputAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Finished tasks kept to compare predicted and observed latency. Default 500.</summary>
    public int PredictionWindow { get; set; } = 500;
}
