using Edgewise.Learning.Models;
using Microsoft.ML;

namespace Edgewise.Learning.Training;

/// <summary>A trained model: ML.NET's transformer, its tree evaluator, and its card.</summary>
/// <param name="Context">The ML.NET context that trained it.</param>
/// <param name="Model">The ML.NET regression transformer.</param>
/// <param name="InputSchema">The schema the transformer was trained on.</param>
/// <param name="Evaluator">The same trees, evaluated without ML.NET's pipeline.</param>
/// <param name="Card">What it is and how it did.</param>
public sealed record TrainingResult(
    MLContext Context,
    ITransformer Model,
    DataViewSchema InputSchema,
    TreeEnsembleModel Evaluator,
    ModelCard Card);
