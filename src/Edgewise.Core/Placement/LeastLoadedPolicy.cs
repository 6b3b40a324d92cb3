namespace Edgewise.Placement;

/// <summary>
/// Sends each task to the candidate with the fewest tasks queued or running per worker. A tie
/// goes to the node itself, which costs no transfer, and otherwise to a random one of the tied.
/// </summary>
public sealed class LeastLoadedPolicy : IPlacementPolicy
{
    /// <inheritdoc />
    public string Name => "least-loaded";

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        PlacementCandidates.ThrowIfEmpty(candidates);
        ArgumentNullException.ThrowIfNull(context);

        var lowest = double.PositiveInfinity;
        var selfAtLowest = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            var load = candidates[i].Load.LoadPerWorker;
            if (load < lowest)
            {
                lowest = load;
                selfAtLowest = candidates[i].IsSelf;
            }
            else if (load == lowest && candidates[i].IsSelf)
            {
                selfAtLowest = true;
            }
        }

        if (selfAtLowest)
        {
            return PlacementCandidates.SelfIndex(candidates);
        }

        // Reservoir sampling of size one: each tied candidate ends up chosen with probability
        // 1/ties, in one pass and without collecting the ties in a list.
        var chosen = 0;
        var ties = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Load.LoadPerWorker == lowest)
            {
                ties++;
                if (context.Random.Next(ties) == 0)
                {
                    chosen = i;
                }
            }
        }

        return chosen;
    }
}
