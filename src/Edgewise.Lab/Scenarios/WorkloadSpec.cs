namespace Edgewise.Lab.Scenarios;

/// <summary>What the tasks of a scenario are and what they cost.</summary>
public sealed record WorkloadSpec
{
    /// <summary>Share of tasks that are vibration windows; the rest are scalar batches. Default 0.5.</summary>
    public double VibrationShare { get; init; } = 0.5;

    /// <summary>Readings in a scalar batch. Default 32.</summary>
    public int ScalarBatchReadings { get; init; } = 32;

    /// <summary>Samples in a vibration window. Default 4,096.</summary>
    public int VibrationWindowSamples { get; init; } = 4096;

    /// <summary>
    /// Where costs come from: "calibrated" (the measured costs of the real processing code in
    /// <see cref="Calibration"/>, log-normal with the measured spread), "exponential" or
    /// "deterministic" (with mean <see cref="MeanCostMs"/>, for textbook checks). Default "calibrated".
    /// </summary>
    public string Costs { get; init; } = "calibrated";

    /// <summary>Mean cost of a task at speed 1, in milliseconds, for "exponential" and "deterministic". Default 1.</summary>
    public double MeanCostMs { get; init; } = 1;

    /// <summary>
    /// Multiplies calibrated costs: an emulated machine this many times slower than the one the
    /// calibration ran on. Default 1 (no emulation).
    /// </summary>
    public double CostScale { get; init; } = 1;

    /// <summary>Calibration file, relative to the scenario file, the working directory or the program. Default data/calibration.json.</summary>
    public string Calibration { get; init; } = "data/calibration.json";
}
