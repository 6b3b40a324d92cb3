namespace Edgewise.Traces;

/// <summary>
/// One finished task, as the home node saw it: where it was placed, what the placing node knew of
/// the chosen candidate at that moment, and how long the task took to come back.
/// </summary>
/// <param name="TaskId">The task's id, unique per home node.</param>
/// <param name="PlacedAt">When the task was placed, on the home node's clock (virtual in the simulator).</param>
/// <param name="HomeNodeId">The node that placed the task.</param>
/// <param name="ChosenNodeId">The candidate the task ran on.</param>
/// <param name="Policy">The policy that made the choice, as configuration spells it.</param>
/// <param name="Explored">True when exploration chose the candidate at random instead of the policy.</param>
/// <param name="CandidateCount">How many candidates the policy chose from.</param>
/// <param name="Features">The chosen candidate's features at placement time.</param>
/// <param name="LatencyMs">Observed completion latency: from placement until the result was back at the home node.</param>
public sealed record TaskTrace(
    string TaskId,
    DateTimeOffset PlacedAt,
    string HomeNodeId,
    string ChosenNodeId,
    string Policy,
    bool Explored,
    int CandidateCount,
    PlacementFeatures Features,
    double LatencyMs);
