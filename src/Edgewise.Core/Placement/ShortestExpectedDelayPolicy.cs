namespace Edgewise.Placement;

/// <summary>
/// Sends each task to the candidate expected to finish it first, counting the link round trip,
/// the queue ahead of it and the candidate's workers. A tie goes to the node itself.
/// </summary>
public sealed class ShortestExpectedDelayPolicy : IPlacementPolicy
{
    /// <summary>Service time assumed when no candidate has a measurement yet, in milliseconds.</summary>
    public const double DefaultServiceTimeMs = 1;

    /// <inheritdoc />
    public string Name => "shortest-expected-delay";

    /// <summary>
    /// Expected time, in milliseconds, for <paramref name="candidate"/> to return a task sent now.
    /// When the candidate has no service time measured (zero or not finite),
    /// <paramref name="fallbackServiceTimeMs"/> stands in for it.
    /// </summary>
    /// <remarks>
    /// The candidate is treated as an M/M/c station with c workers each taking s milliseconds per
    /// task. With n tasks already queued or running, a new task finds a free worker when
    /// n + 1 ≤ c and is served in s. Otherwise n + 1 − c tasks must leave before it starts; with
    /// c workers finishing in parallel, one leaves every s / c on average, so it waits
    /// (n + 1 − c) · s / c before its own s. The link round trip is added on top: zero for the
    /// node itself, which is why equal queues favour staying local. For identical candidates on
    /// free links the rule reduces to joining the shortest queue.
    /// </remarks>
    public static double ExpectedDelayMs(
        PlacementCandidate candidate,
        double fallbackServiceTimeMs = DefaultServiceTimeMs)
    {
        var load = candidate.Load;
        var serviceMs = IsMeasured(load.ServiceTimeMs) ? load.ServiceTimeMs : fallbackServiceTimeMs;
        var workers = Math.Max(1, load.Workers);
        var ahead = Math.Max(0, load.QueueLength) + Math.Max(0, load.InFlight);
        var waiting = Math.Max(0, ahead + 1 - workers);

        return candidate.LinkRoundTrip.TotalMilliseconds
            + (serviceMs * (1 + (waiting / (double)workers)));
    }

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        PlacementCandidates.ThrowIfEmpty(candidates);

        var self = PlacementCandidates.SelfIndex(candidates);
        var selfServiceMs = candidates[self].Load.ServiceTimeMs;
        var fallbackMs = IsMeasured(selfServiceMs) ? selfServiceMs : DefaultServiceTimeMs;

        var best = self;
        var bestDelay = ExpectedDelayMs(candidates[self], fallbackMs);
        for (var i = 0; i < candidates.Count; i++)
        {
            // Strictly smaller only, so the node itself keeps every tie.
            var delay = ExpectedDelayMs(candidates[i], fallbackMs);
            if (delay < bestDelay)
            {
                best = i;
                bestDelay = delay;
            }
        }

        return best;
    }

    private static bool IsMeasured(double serviceTimeMs) =>
        serviceTimeMs > 0 && double.IsFinite(serviceTimeMs);
}
