using Edgewise.Traces;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Edgewise.Learning.Models;

/// <summary>Loads latency models: ML.NET (<c>.zip</c>) or ONNX (<c>.onnx</c>), checked against the placement features.</summary>
public static class LatencyModels
{
    /// <summary>The ML.NET model's input column: a vector of the placement features.</summary>
    public const string FeaturesColumn = "Features";

    /// <summary>
    /// Loads the model at <paramref name="path"/>. A card beside it (same name, <c>.json</c>)
    /// must list exactly <see cref="PlacementFeatures.Names"/>; the model's input must take
    /// <see cref="PlacementFeatures.Count"/> features.
    /// </summary>
    /// <exception cref="ModelLoadException">The file is missing, corrupt, truncated, or expects other features.</exception>
    public static LoadedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ModelLoadException($"{full}: model file not found.");
        }

        var cardPath = ModelCard.PathFor(full);
        var card = File.Exists(cardPath) ? ModelCard.Read(cardPath) : null;
        if (card is not null && !card.Features.SequenceEqual(PlacementFeatures.Names, StringComparer.Ordinal))
        {
            throw new ModelLoadException(
                $"{full}: trained on features [{string.Join(", ", card.Features)}] (per {cardPath}), "
                    + $"but this node supplies [{string.Join(", ", PlacementFeatures.Names)}]; retrain it with `edgewise train`.");
        }

        ILatencyModel model = System.IO.Path.GetExtension(full).ToLowerInvariant() switch
        {
            ".zip" => LoadMlNet(full),
            ".onnx" => new OnnxLatencyModel(full),
            var other => throw new ModelLoadException(
                $"{full}: unknown model format '{other}'; use an ML.NET model (.zip) or ONNX (.onnx)."),
        };

        return new LoadedModel(model, full, card);
    }

    /// <summary>Reads the tree ensemble out of an ML.NET regression transformer.</summary>
    /// <exception cref="ModelLoadException">The transformer is not a FastTree or LightGBM regression.</exception>
    public static TreeEnsembleModel FromTransformer(ITransformer transformer, string source)
    {
        ArgumentNullException.ThrowIfNull(transformer);

        var last = transformer is TransformerChain<ITransformer> chain ? chain.LastTransformer : transformer;
        if (last is IPredictionTransformer<object> { Model: TreeEnsembleModelParametersBasedOnRegressionTree trees })
        {
            return new TreeEnsembleModel(trees.TrainedTreeEnsemble);
        }

        throw new ModelLoadException(
            $"{source}: not a tree-ensemble regression ({last.GetType().Name}); Edgewise evaluates ML.NET "
                + "FastTree and LightGBM regressions, other models can be exported to ONNX.");
    }

    private static TreeEnsembleModel LoadMlNet(string path)
    {
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = new MLContext().Model.Load(path, out schema);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new ModelLoadException(
                $"{path}: not a loadable ML.NET model, it may be corrupt or truncated ({exception.Message}).",
                exception);
        }

        var column = schema.GetColumnOrNull(FeaturesColumn);
        if (column is not { } features
            || features.Type is not VectorDataViewType { ItemType: var item, Size: var size }
            || item != NumberDataViewType.Single
            || size != PlacementFeatures.Count)
        {
            var found = column is { } present ? present.Type.ToString() : "no such column";
            throw new ModelLoadException(
                $"{path}: input {FeaturesColumn} is {found}; this node supplies a vector of "
                    + $"{PlacementFeatures.Count} floats ({string.Join(", ", PlacementFeatures.Names)}).");
        }

        return FromTransformer(transformer, path);
    }
}
