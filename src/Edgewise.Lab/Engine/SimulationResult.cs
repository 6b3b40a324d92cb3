namespace Edgewise.Lab.Engine;

/// <summary>What one policy did on one scenario, simulated or live.</summary>
public sealed record SimulationResult
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>Tasks that arrived.</summary>
    public long Arrived { get; init; }

    /// <summary>Tasks whose result came back to their home node.</summary>
    public long Completed { get; init; }

    /// <summary>Tasks dropped or failed, by cause.</summary>
    public IReadOnlyDictionary<string, long> Failed { get; init; } = new Dictionary<string, long>();

    /// <summary>Placements made again after a peer failed a task.</summary>
    public long Retried { get; init; }

    /// <summary>Completed tasks that ran on a peer rather than their home node.</summary>
    public long Offloaded { get; init; }

    /// <summary>Mean latency, in milliseconds (exact, not from the histogram).</summary>
    public double MeanMs { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double P999Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>The latency distribution, for the CDF chart.</summary>
    public IReadOnlyList<LatencyPoint> Distribution { get; init; } = [];

    /// <summary>Per node figures, in node order.</summary>
    public IReadOnlyList<NodeResult> Nodes { get; init; } = [];

    /// <summary>Queue lengths over time.</summary>
    public QueueSeries? Queues { get; init; }

    /// <summary>Virtual (or, live, wall) time from the first arrival to the last result, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>Wall-clock time the run took, in seconds.</summary>
    public double WallSeconds { get; init; }

    /// <summary>Events processed (simulator only).</summary>
    public long Events { get; init; }

    /// <summary>A checksum of every arrival's instant, device and cost: equal for runs that saw the same arrivals.</summary>
    public long ArrivalChecksum { get; init; }

    /// <summary>Offered load over capacity, as the scenario asked.</summary>
    public double OfferedUtilisation { get; init; }

    /// <summary>Completed tasks that ran elsewhere, over completed tasks.</summary>
    public double OffloadRatio => Completed == 0 ? 0 : Offloaded / (double)Completed;

    /// <summary>Dropped and failed tasks, all causes.</summary>
    public long FailedTotal => Failed.Values.Sum();
}
