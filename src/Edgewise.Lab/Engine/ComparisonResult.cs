using Edgewise.Lab.Scenarios;

namespace Edgewise.Lab.Engine;

/// <summary>Every policy's result on one scenario.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Results">One result per policy run, in the order asked.</param>
/// <param name="Unavailable">Policies asked for that this build cannot resolve.</param>
/// <param name="OfferedUtilisation">Offered load over capacity.</param>
/// <param name="MeanCostMs">Mean task cost at speed 1, in milliseconds.</param>
public sealed record ComparisonResult(
    Scenario Scenario,
    IReadOnlyList<SimulationResult> Results,
    IReadOnlyList<string> Unavailable,
    double OfferedUtilisation,
    double MeanCostMs);
