namespace Edgewise.Vibration;

/// <summary>
/// Settings of the vibration kernel: the spectral bands reported, the window sizes and sample
/// rates accepted, and how a device's baseline is learned and scored.
/// </summary>
public sealed record VibrationOptions
{
    /// <summary>
    /// Bands whose spectral energy is reported, in order. The defaults suit the IMS bearing rig
    /// sampled at 20,480 Hz (Nyquist 10,240 Hz): shaft and low harmonics, structural modes,
    /// bearing resonances, and the high band where early defects ring.
    /// </summary>
    public IReadOnlyList<FrequencyBand> Bands { get; init; } =
    [
        new(0, 500),
        new(500, 2_000),
        new(2_000, 5_000),
        new(5_000, 10_240),
    ];

    /// <summary>
    /// Fewest samples in a window; default 256. Windows of any length are transformed, but prefer
    /// a power of two: MathNet uses radix-2 for those and otherwise Bluestein's algorithm (three
    /// power-of-two transforms of at least twice the length, plus allocations); the committed
    /// benchmark measures powers of two only.
    /// </summary>
    public int MinSamples { get; init; } = 256;

    /// <summary>Most samples in a window; default 65,536.</summary>
    public int MaxSamples { get; init; } = 65_536;

    /// <summary>Lowest sample rate accepted, in Hz; default 1.</summary>
    public double MinSampleRateHz { get; init; } = 1;

    /// <summary>Highest sample rate accepted, in Hz; default 1,000,000.</summary>
    public double MaxSampleRateHz { get; init; } = 1_000_000;

    /// <summary>Windows per device and channel that form its baseline before scoring; default 20.</summary>
    public int BaselineWindows { get; init; } = 20;

    /// <summary>Anomaly score (largest absolute z-score) above which a window is anomalous; default 4.</summary>
    public double AnomalyThreshold { get; init; } = 4.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Bands);
        if (Bands.Count == 0)
        {
            throw new ArgumentException("At least one frequency band is needed.", nameof(Bands));
        }

        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            if (!double.IsFinite(band.LowHz) || !double.IsFinite(band.HighHz)
                || band.LowHz < 0 || band.HighHz <= band.LowHz)
            {
                throw new ArgumentException(
                    $"Band {i} [{band.LowHz}, {band.HighHz}) Hz must satisfy 0 <= low < high.",
                    nameof(Bands));
            }
        }

        if (MinSamples < 4 || MaxSamples < MinSamples)
        {
            throw new ArgumentException(
                $"Window sizes need 4 <= MinSamples ({MinSamples}) <= MaxSamples ({MaxSamples}).",
                nameof(MinSamples));
        }

        if (!(MinSampleRateHz > 0) || !double.IsFinite(MaxSampleRateHz)
            || MaxSampleRateHz < MinSampleRateHz)
        {
            throw new ArgumentException(
                $"Sample rates need 0 < MinSampleRateHz ({MinSampleRateHz}) <= MaxSampleRateHz "
                + $"({MaxSampleRateHz}), both finite.",
                nameof(MinSampleRateHz));
        }

        if (BaselineWindows < 2)
        {
            throw new ArgumentException(
                $"BaselineWindows ({BaselineWindows}) must be at least 2 to estimate a variance.",
                nameof(BaselineWindows));
        }

        if (!(AnomalyThreshold > 0) || !double.IsFinite(AnomalyThreshold))
        {
            throw new ArgumentException(
                $"AnomalyThreshold ({AnomalyThreshold}) must be a positive finite number.",
                nameof(AnomalyThreshold));
        }
    }
}
