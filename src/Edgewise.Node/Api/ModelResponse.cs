using Edgewise.Learning.Models;
using Edgewise.Learning.Placement;

namespace Edgewise.Node.Api;

/// <summary>GET /api/v1/model: the learned policy's model, its card, and how placements went.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Policy">Its placement policy; the model is used only under "learned".</param>
/// <param name="ModelPath">The watched model file, or null under another policy.</param>
/// <param name="Loaded">True when a model is in use.</param>
/// <param name="Format">"ml.net" or "onnx", or null without a model.</param>
/// <param name="LastLoadError">Why the last model file was refused, or null.</param>
/// <param name="Card">The model card, or null without a model or card.</param>
/// <param name="Decisions">Placements by how they were made.</param>
/// <param name="Predictions">Predicted against observed latency over the last finished tasks.</param>
/// <param name="Traces">The trace files.</param>
public sealed record ModelResponse(
    string NodeId,
    string Policy,
    string? ModelPath,
    bool Loaded,
    string? Format,
    string? LastLoadError,
    ModelCard? Card,
    PlacementDecisions Decisions,
    PredictionAccuracy Predictions,
    TraceSummary Traces);
