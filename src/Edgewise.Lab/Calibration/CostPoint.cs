namespace Edgewise.Lab.Calibration;

/// <summary>The measured cost of one task size on one worker at full speed.</summary>
/// <param name="Size">Readings in a scalar batch, or samples in a vibration window.</param>
/// <param name="MeanMs">Mean cost, in milliseconds.</param>
/// <param name="P50Ms">Median cost, in milliseconds.</param>
/// <param name="P99Ms">99th percentile cost, in milliseconds.</param>
/// <param name="Cv">Coefficient of variation (standard deviation over mean).</param>
/// <param name="Runs">How many runs were measured.</param>
public sealed record CostPoint(int Size, double MeanMs, double P50Ms, double P99Ms, double Cv, int Runs);
