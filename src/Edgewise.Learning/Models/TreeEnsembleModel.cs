using Edgewise.Traces;
using Microsoft.ML.Trainers.FastTree;

namespace Edgewise.Learning.Models;

/// <summary>
/// An ML.NET tree-ensemble regression (FastTree or LightGBM) evaluated from its own trees: the
/// ensemble's splits and leaf values are copied into flat arrays once, so a prediction walks
/// them without ML.NET's data pipeline. Evaluation follows ML.NET's: a row goes left when its
/// feature is at most the split threshold, and the output is the bias plus the weighted sum of
/// the leaves reached, accumulated in double. Tests hold it to ML.NET's own predictions.
/// </summary>
public sealed class TreeEnsembleModel : ILatencyModel
{
    private readonly Tree[] _trees;
    private readonly double _bias;

    /// <summary>Copies the trees of <paramref name="ensemble"/>.</summary>
    /// <exception cref="ModelLoadException">A tree uses a categorical split, which these features never need.</exception>
    public TreeEnsembleModel(RegressionTreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);

        _bias = ensemble.Bias;
        _trees = new Tree[ensemble.Trees.Count];
        for (var t = 0; t < _trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new ModelLoadException($"Tree {t} uses a categorical split; Edgewise's features are all numeric.");
            }

            var features = tree.NumericalSplitFeatureIndexes.ToArray();
            if (features.Any(index => index < 0 || index >= PlacementFeatures.Count))
            {
                throw new ModelLoadException(
                    $"Tree {t} splits on a feature beyond the {PlacementFeatures.Count} placement features.");
            }

            _trees[t] = new Tree(
                features,
                [.. tree.NumericalSplitThresholds],
                [.. tree.LeftChild],
                [.. tree.RightChild],
                [.. tree.LeafValues],
                ensemble.TreeWeights[t]);
        }
    }

    /// <inheritdoc />
    public string Format => "ml.net";

    /// <summary>Trees in the ensemble.</summary>
    public int TreeCount => _trees.Length;

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<float> features, Span<float> latenciesMs)
    {
        var rows = latenciesMs.Length;
        if (features.Length < rows * PlacementFeatures.Count)
        {
            throw new ArgumentException(
                $"Needs {rows * PlacementFeatures.Count} feature values for {rows} rows, got {features.Length}.",
                nameof(features));
        }

        for (var r = 0; r < rows; r++)
        {
            latenciesMs[r] = (float)Evaluate(features.Slice(r * PlacementFeatures.Count, PlacementFeatures.Count));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing native to release.
    }

    private double Evaluate(ReadOnlySpan<float> row)
    {
        var sum = 0.0;
        foreach (var tree in _trees)
        {
            sum += tree.Weight * tree.Leaf(row);
        }

        return sum + _bias;
    }

    private sealed class Tree(
        int[] features,
        float[] thresholds,
        int[] left,
        int[] right,
        double[] leaves,
        double weight)
    {
        public double Weight => weight;

        public double Leaf(ReadOnlySpan<float> row)
        {
            if (leaves.Length == 1)
            {
                return leaves[0];
            }

            // Non-negative indexes are split nodes, negative ones are leaves (~index).
            var node = 0;
            while (node >= 0)
            {
                node = row[features[node]] <= thresholds[node] ? left[node] : right[node];
            }

            return leaves[~node];
        }
    }
}
