using Edgewise.Traces;
using Microsoft.ML.Data;

namespace Edgewise.Learning.Training;

/// <summary>One trace as ML.NET sees it: the feature vector and the observed latency.</summary>
internal sealed class TrainingRow
{
    [VectorType(PlacementFeatures.Count)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }

    public static TrainingRow From(TaskTrace trace)
    {
        var features = new float[PlacementFeatures.Count];
        trace.Features.CopyTo(features);

        return new TrainingRow { Features = features, Label = (float)trace.LatencyMs };
    }
}
