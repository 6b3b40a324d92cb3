using Edgewise.Learning.Placement;

namespace Edgewise.Node.Api;

/// <summary>The placement part of the stats: decisions, prediction accuracy and traces (details in GET /api/v1/model).</summary>
/// <param name="Decisions">Placements by how they were made.</param>
/// <param name="Predictions">Predicted against observed latency over the last finished tasks (learned policy only).</param>
/// <param name="Traces">The trace files.</param>
public sealed record PlacementSummary(
    PlacementDecisions Decisions,
    PredictionAccuracy Predictions,
    TraceSummary Traces);
