namespace Edgewise.Learning.Models;

/// <summary>A model ready to predict, with its file and its card when one lies beside it.</summary>
/// <param name="Model">The predictor.</param>
/// <param name="Path">The model file.</param>
/// <param name="Card">The model card, or null for a model trained elsewhere without one.</param>
public sealed record LoadedModel(ILatencyModel Model, string Path, ModelCard? Card);
