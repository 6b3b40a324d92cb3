using Edgewise.Traces;
using Microsoft.ML.Data;

namespace Edgewise.Learning.Training;

/// <summary>The model's input alone, so the ONNX export takes features and no label.</summary>
internal sealed class FeatureRow
{
    [VectorType(PlacementFeatures.Count)]
    public float[] Features { get; set; } = [];
}
