namespace Edgewise.Placement;

/// <summary>
/// Chooses where a task runs. A policy sees only the task, the candidates (the node itself and
/// its healthy peers, never empty, exactly one with <see cref="PlacementCandidate.IsSelf"/>) and a
/// context; it has no dependency on ASP.NET or the network, so a node and the simulator run the
/// same object. Implementations are called from many threads at once and must be thread-safe.
/// </summary>
public interface IPlacementPolicy
{
    /// <summary>The policy's name, as used in configuration and reports (for example "two-choices").</summary>
    string Name { get; }

    /// <summary>Returns the index in <paramref name="candidates"/> of the node that should run the task.</summary>
    int Choose(PlacementTask task, IReadOnlyList<PlacementCandidate> candidates, PlacementContext context);
}
