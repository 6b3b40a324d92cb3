namespace Edgewise.Placement;

/// <summary>Sends tasks to the candidates in turn, ignoring their load.</summary>
public sealed class RoundRobinPolicy : IPlacementPolicy
{
    private int _next = -1;

    /// <inheritdoc />
    public string Name => "round-robin";

    /// <inheritdoc />
    public int Choose(
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        PlacementCandidates.ThrowIfEmpty(candidates);

        // Unsigned so the counter keeps cycling after it wraps past int.MaxValue. The modulo is
        // taken against the current count because peers come and go between calls.
        var turn = (uint)Interlocked.Increment(ref _next);

        return (int)(turn % (uint)candidates.Count);
    }
}
