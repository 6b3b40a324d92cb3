using HdrHistogram;

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

    /// <summary>
    /// This result with its latency figures taken from <paramref name="latency"/> (recorded in
    /// units of 1 / <paramref name="unitsPerMs"/> ms) and the exact mean from
    /// <paramref name="sumMs"/> over <see cref="Completed"/>: the simulator and the live bench
    /// summarise alike.
    /// </summary>
    public SimulationResult WithLatencies(HistogramBase latency, double sumMs, double unitsPerMs)
    {
        ArgumentNullException.ThrowIfNull(latency);

        var none = Completed == 0;
        double At(double percentile) => none ? 0 : latency.GetValueAtPercentile(percentile) / unitsPerMs;

        return this with
        {
            MeanMs = none ? 0 : sumMs / Completed,
            P50Ms = At(50),
            P95Ms = At(95),
            P99Ms = At(99),
            P999Ms = At(99.9),
            MaxMs = none ? 0 : latency.GetMaxValue() / unitsPerMs,
            Distribution = SimulationEngine.Distribution(latency, unitsPerMs),
        };
    }
}
