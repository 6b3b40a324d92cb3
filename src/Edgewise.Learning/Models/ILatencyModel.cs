namespace Edgewise.Learning.Models;

/// <summary>
/// A loaded model of task completion latency: given the placement features of some candidates,
/// it predicts each one's latency in milliseconds. Implementations are thread-safe.
/// </summary>
public interface ILatencyModel : IDisposable
{
    /// <summary>How the model is held: "ml.net" or "onnx".</summary>
    string Format { get; }

    /// <summary>
    /// Predicts the latency of each row of <paramref name="features"/> (rows of
    /// <see cref="Edgewise.Traces.PlacementFeatures.Count"/> values, in
    /// <see cref="Edgewise.Traces.PlacementFeatures.Names"/> order) into <paramref name="latenciesMs"/>.
    /// </summary>
    void Predict(ReadOnlySpan<float> features, Span<float> latenciesMs);
}
