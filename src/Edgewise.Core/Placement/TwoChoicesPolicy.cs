namespace Edgewise.Placement;

/// <summary>
/// The power of two choices (Mitzenmacher, 2001): draws two distinct candidates at random and
/// sends the task to the less loaded, per worker. Sampling two instead of scanning all keeps the
/// herd from piling onto the one node that a stale view shows as idle.
/// </summary>
public sealed class TwoChoicesPolicy : IPlacementPolicy
{
    /// <inheritdoc />
    public string Name => "two-choices";

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        PlacementCandidates.ThrowIfEmpty(candidates);
        ArgumentNullException.ThrowIfNull(context);

        if (candidates.Count == 1)
        {
            return 0;
        }

        // Drawing the second from one fewer and stepping over the first makes the pair distinct
        // and uniform over all ordered pairs.
        var first = context.Random.Next(candidates.Count);
        var second = context.Random.Next(candidates.Count - 1);
        if (second >= first)
        {
            second++;
        }

        var firstLoad = candidates[first].Load.LoadPerWorker;
        var secondLoad = candidates[second].Load.LoadPerWorker;
        if (secondLoad < firstLoad)
        {
            return second;
        }

        if (secondLoad == firstLoad && candidates[second].IsSelf)
        {
            return second;
        }

        return first;
    }
}
