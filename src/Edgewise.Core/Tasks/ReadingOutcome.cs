namespace Edgewise.Tasks;

/// <summary>What processing found about one reading.</summary>
/// <param name="Sequence">The reading's sequence number.</param>
/// <param name="Kind">The reading's kind.</param>
/// <param name="OutOfRange">The value lies outside the kind's plausible range (kept, flagged).</param>
/// <param name="ZScore">Distance from the device's running mean in standard deviations, when defined.</param>
/// <param name="Anomaly">The z-score passed the anomaly threshold.</param>
public sealed record ReadingOutcome(
    long Sequence,
    string Kind,
    bool OutOfRange,
    double? ZScore,
    bool Anomaly)
{
    /// <summary>For a vibration window: its features, computed wherever the task ran.</summary>
    public VibrationFeatures? Features { get; init; }
}
