namespace Edgewise.Learning.Placement;

/// <summary>Predicted against observed latency over the last finished tasks: drift shows here first.</summary>
/// <param name="Tasks">Finished tasks in the window.</param>
/// <param name="MeanAbsoluteErrorMs">Mean |predicted − observed|.</param>
/// <param name="MeanPredictedMs">Mean predicted latency.</param>
/// <param name="MeanObservedMs">Mean observed latency.</param>
public sealed record PredictionAccuracy(
    int Tasks,
    double MeanAbsoluteErrorMs,
    double MeanPredictedMs,
    double MeanObservedMs);
