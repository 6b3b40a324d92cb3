using Edgewise.Processing;
using Edgewise.Tasks;

namespace Edgewise.Vibration;

/// <summary>
/// What normal vibration looks like for one device and channel, learned on its home node from its
/// first windows, and how far a new window strays from it. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The baseline tracks the running mean and variance of log(RMS), kurtosis, crest factor and the
/// log of each band energy over the first <see cref="VibrationOptions.BaselineWindows"/> windows.
/// A window's score is its largest absolute z-score over those features. RMS and band energies
/// are taken as logarithms because they span orders of magnitude and grow multiplicatively with a
/// fault: on a log scale a doubling is the same step at any level, and their spread is closer to
/// symmetric, which is what a z-score assumes.
/// </para>
/// <para>
/// A shift of the sensor's DC level (as channel 7 of the IMS test-1 snapshots shows between
/// files, from −0.016 to −0.229 with the same spread) does not change any feature: the analyzer
/// removes each window's mean before computing them, so such a shift must not raise the score.
/// </para>
/// </remarks>
public sealed class VibrationBaseline
{
    // Floors keep a log finite for a silent band and a z-score finite for a feature that did not
    // vary while learning. All features are dimensionless (logs and ratios), so absolute floors fit.
    private const double MinEnergy = 1e-20;
    private const double MinStandardDeviation = 1e-6;
    private const int MaxStackFeatures = 64;

    private readonly object _gate = new();
    private readonly int _windows;
    private RunningStatistics[]? _statistics;

    /// <summary>Creates an empty baseline that learns from <c>options.BaselineWindows</c> windows.</summary>
    public VibrationBaseline(VibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _windows = options.BaselineWindows;
    }

    /// <summary>Creates an empty baseline with the default options (20 windows).</summary>
    public VibrationBaseline()
        : this(new VibrationOptions())
    {
    }

    /// <summary>True until the baseline has seen its configured number of windows.</summary>
    public bool IsLearning
    {
        get
        {
            lock (_gate)
            {
                return LearnedWindows < _windows;
            }
        }
    }

    /// <summary>Windows learned so far, at most <c>BaselineWindows</c>.</summary>
    public int WindowsLearned
    {
        get
        {
            lock (_gate)
            {
                return LearnedWindows;
            }
        }
    }

    private int LearnedWindows => _statistics is null ? 0 : (int)_statistics[0].Count;

    /// <summary>
    /// Adds a window to the baseline while it is learning and returns true; once learned, leaves
    /// it unchanged and returns false.
    /// </summary>
    /// <exception cref="ArgumentException">The window has a different number of bands.</exception>
    public bool Observe(VibrationFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var count = FeatureCount(features);
        Span<double> values = count <= MaxStackFeatures
            ? stackalloc double[count]
            : new double[count];
        Project(features, values);

        lock (_gate)
        {
            _statistics ??= new RunningStatistics[values.Length];
            CheckShape(values.Length, nameof(features));
            if (LearnedWindows >= _windows)
            {
                return false;
            }

            for (var i = 0; i < values.Length; i++)
            {
                _statistics[i] = _statistics[i].Add(values[i]);
            }

            return true;
        }
    }

    /// <summary>
    /// The largest absolute z-score of the window's features against the baseline, or 0 while
    /// the baseline is still learning.
    /// </summary>
    /// <exception cref="ArgumentException">The window has a different number of bands.</exception>
    public double Score(VibrationFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var count = FeatureCount(features);
        Span<double> values = count <= MaxStackFeatures
            ? stackalloc double[count]
            : new double[count];
        Project(features, values);

        lock (_gate)
        {
            if (_statistics is null || LearnedWindows < _windows)
            {
                return 0;
            }

            CheckShape(values.Length, nameof(features));
            var score = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                var statistics = _statistics[i];
                var sd = Math.Max(statistics.StandardDeviation, MinStandardDeviation);
                score = Math.Max(score, Math.Abs(values[i] - statistics.Mean) / sd);
            }

            return score;
        }
    }

    private static int FeatureCount(VibrationFeatures features) => 3 + features.BandEnergies.Count;

    private static void Project(VibrationFeatures features, Span<double> values)
    {
        values[0] = Math.Log(Math.Max(features.Rms, MinEnergy));
        values[1] = features.Kurtosis;
        values[2] = features.CrestFactor;
        for (var b = 0; b < features.BandEnergies.Count; b++)
        {
            values[3 + b] = Math.Log(Math.Max(features.BandEnergies[b], MinEnergy));
        }
    }

    private void CheckShape(int count, string paramName)
    {
        if (_statistics!.Length != count)
        {
            throw new ArgumentException(
                $"The window has {count - 3} band energies; this baseline learned "
                + $"{_statistics.Length - 3}.",
                paramName);
        }
    }
}
