using System.Text.Json;

namespace Edgewise.Learning.Models;

/// <summary>
/// What a model is and how it was made, written as JSON beside the model file (same name,
/// <c>.json</c>): the features in input order, the training data, the held-out metrics, the
/// library versions and the seed that reproduce it.
/// </summary>
/// <param name="FormatVersion">Version of this card's layout; 1.</param>
/// <param name="Trainer">ML.NET trainer: "fasttree" or "lightgbm".</param>
/// <param name="Label">What the model predicts: "latencyMs".</param>
/// <param name="Features">Input features, in input order.</param>
/// <param name="Seed">Seed of the split and the trainer.</param>
/// <param name="TestFraction">Share of decision groups held out for the metrics.</param>
/// <param name="TrainedAt">When the model was trained (UTC).</param>
/// <param name="Hyperparameters">The trainer's settings.</param>
/// <param name="Data">The traces it learned from.</param>
/// <param name="Metrics">How it did on the held-out traces.</param>
/// <param name="Libraries">Versions of ML.NET, ONNX Runtime and .NET that trained it.</param>
public sealed record ModelCard(
    int FormatVersion,
    string Trainer,
    string Label,
    IReadOnlyList<string> Features,
    int Seed,
    double TestFraction,
    DateTimeOffset TrainedAt,
    IReadOnlyDictionary<string, double> Hyperparameters,
    TrainingDataSummary Data,
    ModelMetrics Metrics,
    IReadOnlyDictionary<string, string> Libraries)
{
    /// <summary>The card's path for a model file: the same name with <c>.json</c>.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <summary>Reads a card.</summary>
    /// <exception cref="ModelLoadException">The file is not a model card.</exception>
    public static ModelCard Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);

            return JsonSerializer.Deserialize(stream, LearningJsonContext.Default.ModelCard)
                ?? throw new ModelLoadException($"{path}: the model card is empty.");
        }
        catch (JsonException exception)
        {
            throw new ModelLoadException(
                $"{path}: not a model card (line {exception.LineNumber + 1}: {exception.Message}).",
                exception);
        }
    }

    /// <summary>Writes the card as indented JSON.</summary>
    public void Write(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, LearningJsonContext.Default.ModelCard);
    }
}
