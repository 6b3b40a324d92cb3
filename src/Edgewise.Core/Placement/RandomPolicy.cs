namespace Edgewise.Placement;

/// <summary>Sends each task to a candidate drawn uniformly at random, ignoring load.</summary>
public sealed class RandomPolicy : IPlacementPolicy
{
    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        PlacementCandidates.ThrowIfEmpty(candidates);
        ArgumentNullException.ThrowIfNull(context);

        return context.Random.Next(candidates.Count);
    }
}
