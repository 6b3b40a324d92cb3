namespace Edgewise.Learning.Placement;

/// <summary>How a learned policy's placements were made, since the node started.</summary>
/// <param name="Learned">Placements the model made.</param>
/// <param name="FallbackNoModel">Placements by the heuristic because no model was loaded.</param>
/// <param name="FallbackModelFailed">Placements by the heuristic because the model failed.</param>
/// <param name="FallbackStaleInputs">Placements by the heuristic because a peer's view was too old.</param>
public sealed record LearnedDecisions(
    long Learned,
    long FallbackNoModel,
    long FallbackModelFailed,
    long FallbackStaleInputs)
{
    /// <summary>All fallback placements.</summary>
    public long Fallback => FallbackNoModel + FallbackModelFailed + FallbackStaleInputs;
}
