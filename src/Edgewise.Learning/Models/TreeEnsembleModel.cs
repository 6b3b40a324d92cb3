using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Edgewise.Traces;
using Microsoft.ML.Trainers.FastTree;

namespace Edgewise.Learning.Models;

/// <summary>
/// An ML.NET tree-ensemble regression (FastTree or LightGBM) evaluated from its own trees: the
/// splits of all trees are copied once into one array of 16-byte nodes whose children are
/// global indexes (a leaf as its complement), and each leaf value is multiplied by its tree's
/// weight once, so a prediction walks flat memory without ML.NET's data pipeline, all rows
/// through a tree before the next tree. Evaluation follows ML.NET's: a row goes left when its
/// feature is at most the split threshold, and the output is the weighted leaves reached,
/// summed in tree order in double, plus the bias. Tests hold it to ML.NET's own predictions.
/// </summary>
public sealed class TreeEnsembleModel : ILatencyModel
{
    private const int MaxRows = 64;

    private readonly Split[] _splits;
    private readonly double[] _leaves;
    private readonly int[] _roots;
    private readonly double _bias;

    /// <summary>Copies the trees of <paramref name="ensemble"/>.</summary>
    /// <exception cref="ModelLoadException">A tree uses a categorical split, which these features never need.</exception>
    public TreeEnsembleModel(RegressionTreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);

        _bias = ensemble.Bias;
        var splits = new List<Split>();
        var leaves = new List<double>();
        _roots = new int[ensemble.Trees.Count];
        for (var t = 0; t < _roots.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(flag => flag))
            {
                throw new ModelLoadException($"Tree {t} uses a categorical split; Edgewise's features are all numeric.");
            }

            if (tree.NumericalSplitFeatureIndexes.Any(index => index < 0 || index >= PlacementFeatures.Count))
            {
                throw new ModelLoadException(
                    $"Tree {t} splits on a feature beyond the {PlacementFeatures.Count} placement features.");
            }

            var splitBase = splits.Count;
            var leafBase = leaves.Count;
            var weight = ensemble.TreeWeights[t];

            // Multiplying here gives the same double as multiplying at every prediction.
            leaves.AddRange(tree.LeafValues.Select(value => weight * value));
            _roots[t] = tree.NumberOfNodes == 0 ? ~leafBase : splitBase;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                splits.Add(new Split(
                    tree.NumericalSplitFeatureIndexes[n],
                    tree.NumericalSplitThresholds[n],
                    Global(tree.LeftChild[n], splitBase, leafBase),
                    Global(tree.RightChild[n], splitBase, leafBase)));
            }
        }

        _splits = [.. splits];
        _leaves = [.. leaves];
        if (_splits.Any(split => !Inside(split.Left) || !Inside(split.Right)) || _roots.Any(root => !Inside(root)))
        {
            throw new ModelLoadException("A tree's child index points outside the ensemble; the model is damaged.");
        }
    }

    /// <inheritdoc />
    public string Format => "ml.net";

    /// <summary>Trees in the ensemble.</summary>
    public int TreeCount => _roots.Length;

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

        for (var start = 0; start < rows; start += MaxRows)
        {
            var count = Math.Min(MaxRows, rows - start);
            Evaluate(features.Slice(start * PlacementFeatures.Count, count * PlacementFeatures.Count), latenciesMs.Slice(start, count));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing native to release.
    }

    private bool Inside(int child) => child >= 0 ? child < _splits.Length : ~child < _leaves.Length;

    private static int Global(int child, int splitBase, int leafBase) =>
        child >= 0 ? splitBase + child : ~(leafBase + ~child);

    /// <summary>
    /// Walks every tree for every row. Indexes were checked when the trees were copied (features
    /// below <see cref="PlacementFeatures.Count"/>, children inside the arrays) and the rows'
    /// length by the caller, so the walk reads without bounds checks.
    /// </summary>
    private void Evaluate(ReadOnlySpan<float> features, Span<float> latenciesMs)
    {
        var rows = latenciesMs.Length;
        Span<double> sums = stackalloc double[rows];
        ref var splits = ref MemoryMarshal.GetArrayDataReference(_splits);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        ref var values = ref MemoryMarshal.GetReference(features);
        foreach (var root in _roots)
        {
            for (var r = 0; r < rows; r++)
            {
                ref var row = ref Unsafe.Add(ref values, r * PlacementFeatures.Count);
                var node = root;
                while (node >= 0)
                {
                    ref var split = ref Unsafe.Add(ref splits, node);
                    node = Unsafe.Add(ref row, split.Feature) <= split.Threshold ? split.Left : split.Right;
                }

                sums[r] += Unsafe.Add(ref leaves, ~node);
            }
        }

        for (var r = 0; r < rows; r++)
        {
            latenciesMs[r] = (float)(sums[r] + _bias);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Split(int Feature, float Threshold, int Left, int Right);
}
