using Edgewise.Tasks;

namespace Edgewise.Processing;

/// <summary>What the home node knows of one vibration channel of one device.</summary>
/// <param name="Kind">The kind, lower case (vibration).</param>
/// <param name="Channel">The channel as the device named it; null when it sent none.</param>
/// <param name="LastSequence">Sequence of the window with the highest sequence.</param>
/// <param name="LastTimestamp">When that window was measured.</param>
/// <param name="Features">That window's features.</param>
/// <param name="Score">That window's anomaly score; 0 while the baseline learned.</param>
/// <param name="Learning">Whether that window went into the baseline instead of being scored.</param>
/// <param name="Windows">Windows applied for this channel.</param>
/// <param name="Anomalies">Windows whose score reached the anomaly threshold.</param>
public sealed record VibrationSnapshot(
    string Kind,
    string? Channel,
    long LastSequence,
    DateTimeOffset LastTimestamp,
    VibrationFeatures Features,
    double Score,
    bool Learning,
    long Windows,
    long Anomalies);
