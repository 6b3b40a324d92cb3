namespace Edgewise.Placement;

/// <summary>Runs every task on the node that received it: the baseline with no offloading.</summary>
public sealed class LocalPolicy : IPlacementPolicy
{
    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(candidates);

        return PlacementCandidates.SelfIndex(candidates);
    }
}
