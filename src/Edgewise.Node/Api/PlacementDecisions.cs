namespace Edgewise.Node.Api;

/// <summary>How a node's placements were made since it started.</summary>
/// <param name="Learned">Placed by the learned model.</param>
/// <param name="Explored">Placed on a random candidate by exploration (the policy was not asked).</param>
/// <param name="Fallback">Placed by shortest-expected-delay in the learned policy's stead.</param>
/// <param name="FallbackNoModel">Of those, because no model was loaded.</param>
/// <param name="FallbackModelFailed">Of those, because the model failed.</param>
/// <param name="FallbackStaleInputs">Of those, because a peer's view was older than the limit.</param>
public sealed record PlacementDecisions(
    long Learned,
    long Explored,
    long Fallback,
    long FallbackNoModel,
    long FallbackModelFailed,
    long FallbackStaleInputs);
