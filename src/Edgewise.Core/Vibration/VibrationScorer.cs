using System.Collections.Concurrent;
using Edgewise.Tasks;

namespace Edgewise.Vibration;

/// <summary>
/// The home node's anomaly scoring of vibration windows: one <see cref="VibrationBaseline"/> per
/// device and channel, learned from its first windows and scored against afterwards. Thread-safe.
/// </summary>
/// <remarks>
/// Baselines live in memory: a node restart learns them again from the next windows. Device ids
/// and channels compare by ordinal, as the parser keeps them.
/// </remarks>
public sealed class VibrationScorer
{
    private readonly ConcurrentDictionary<(string DeviceId, string Channel), VibrationBaseline> _baselines = new();
    private readonly Func<(string DeviceId, string Channel), VibrationBaseline> _create;

    /// <summary>Creates a scorer whose baselines follow <paramref name="options"/>, validated here.</summary>
    public VibrationScorer(VibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        Options = options;
        _create = _ => new VibrationBaseline(options);
    }

    /// <summary>Creates a scorer with the default options (20 windows, threshold 4).</summary>
    public VibrationScorer()
        : this(new VibrationOptions())
    {
    }

    /// <summary>The options the scorer was created with.</summary>
    public VibrationOptions Options { get; }

    /// <summary>
    /// Scores one window of <paramref name="deviceId"/>'s <paramref name="channel"/> (null for a
    /// device with one channel). While the baseline learns, the window joins it and the result is
    /// Learning with score 0; afterwards the window is scored and is an anomaly at or above the
    /// threshold.
    /// </summary>
    /// <exception cref="ArgumentException">The window has a different number of bands than the baseline.</exception>
    public VibrationScore Score(string deviceId, string? channel, VibrationFeatures features)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(features);

        var baseline = _baselines.GetOrAdd((deviceId, channel ?? string.Empty), _create);

        // Observe decides under the baseline's lock, so of two racing windows exactly the ones
        // that fit into the baseline learn, and the rest are scored.
        if (baseline.Observe(features))
        {
            return new VibrationScore(0, true, false);
        }

        var score = baseline.Score(features);

        return new VibrationScore(score, false, score >= Options.AnomalyThreshold);
    }
}
