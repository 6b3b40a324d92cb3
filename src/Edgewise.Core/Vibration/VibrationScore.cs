namespace Edgewise.Vibration;

/// <summary>How one vibration window compares with its device's baseline, decided on the home node.</summary>
/// <param name="Score">Largest absolute z-score of the window's features; 0 while learning.</param>
/// <param name="Learning">True when the window went into the baseline instead of being scored.</param>
/// <param name="Anomaly">The score reached <see cref="VibrationOptions.AnomalyThreshold"/>.</param>
public sealed record VibrationScore(double Score, bool Learning, bool Anomaly);
