namespace Edgewise.Placement;

/// <summary>Helpers the policies share over a candidate list.</summary>
internal static class PlacementCandidates
{
    /// <summary>Returns the index of the self candidate, or 0 when the list breaks the contract and has none.</summary>
    public static int SelfIndex(IReadOnlyList<PlacementCandidate> candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].IsSelf)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Throws when the list is empty, which the policy contract rules out.</summary>
    public static void ThrowIfEmpty(IReadOnlyList<PlacementCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("A placement needs at least one candidate.", nameof(candidates));
        }
    }
}
