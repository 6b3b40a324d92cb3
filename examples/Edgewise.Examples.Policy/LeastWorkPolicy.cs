using Edgewise.Placement;

namespace Edgewise.Examples.Policy;

/// <summary>
/// An example of a policy of your own: sends each task to the candidate with the least work
/// ahead of it per worker (tasks queued or running times the candidate's service time) plus the
/// link round trip, and prefers the node itself within a margin of <see cref="StayLocalMarginMs"/>,
/// because offloading costs a transfer the estimate does not see. Build this project and name
/// its DLL with <c>--policy-assembly</c> (sim, bench) or <c>Node:PolicyAssemblies</c> (a node);
/// its <see cref="Name"/> then works wherever a policy name does.
/// </summary>
public sealed class LeastWorkPolicy : IPlacementPolicy
{
    /// <summary>How much sooner a peer must look, in milliseconds, before a task leaves its home node.</summary>
    public const double StayLocalMarginMs = 0.5;

    /// <inheritdoc />
    public string Name => "least-work";

    /// <inheritdoc />
    public int Choose(PlacementTask task, IReadOnlyList<PlacementCandidate> candidates, PlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(candidates);

        var self = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].IsSelf)
            {
                self = i;
            }
        }

        var fallbackMs = candidates[self].Load.ServiceTimeMs > 0 ? candidates[self].Load.ServiceTimeMs : 1;
        var best = self;
        var bestMs = Work(candidates[self], fallbackMs) - StayLocalMarginMs;
        for (var i = 0; i < candidates.Count; i++)
        {
            var ms = Work(candidates[i], fallbackMs);
            if (ms < bestMs)
            {
                best = i;
                bestMs = ms;
            }
        }

        return best;
    }

    private static double Work(PlacementCandidate candidate, double fallbackMs)
    {
        var load = candidate.Load;
        var serviceMs = load.ServiceTimeMs > 0 ? load.ServiceTimeMs : fallbackMs;

        return candidate.LinkRoundTrip.TotalMilliseconds
            + ((load.QueueLength + load.InFlight + 1) * serviceMs / Math.Max(1, load.Workers));
    }
}
