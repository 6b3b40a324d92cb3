namespace Edgewise.Placement;

/// <summary>A node a task may run on: the node itself or a healthy peer.</summary>
/// <param name="NodeId">The candidate's node id.</param>
/// <param name="IsSelf">True for the node that is placing the task.</param>
/// <param name="Load">The placing node's view of the candidate's load.</param>
/// <param name="LinkRoundTrip">Measured round trip to the candidate; zero for the node itself.</param>
public readonly record struct PlacementCandidate(
    string NodeId,
    bool IsSelf,
    LoadView Load,
    TimeSpan LinkRoundTrip);
