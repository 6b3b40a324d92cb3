using System.Numerics;
using Edgewise.Tasks;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Edgewise.Vibration;

/// <summary>
/// Computes the features of one vibration window: RMS, peak-to-peak, crest factor and kurtosis of
/// the mean-removed samples, then the dominant frequency and band energies of its Hann-windowed
/// spectrum. Thread-safe; each thread reuses its own FFT buffer for each window size it has seen.
/// </summary>
/// <remarks>
/// <para>
/// Spectrum. The mean-removed samples d[i] are multiplied by the symmetric Hann window
/// w[i] = 0.5 − 0.5·cos(2πi/(N−1)) (MathNet's <c>Window.Hann</c>, the same as numpy's
/// <c>np.hanning</c>) and transformed with an unscaled forward DFT X[k] = Σ d[i]·w[i]·e^(−2πik/N).
/// The one-sided power of bin k, for k = 0 … ⌊N/2⌋, is P[k] = c·|X[k]|² / (N·Σw²), with c = 2 for
/// bins that have a mirror image (0 &lt; k &lt; N/2) and 1 for DC and, when N is even, Nyquist.
/// By Parseval the P[k] then sum to Σ(d·w)²/Σw², a window-weighted mean square, so a band energy
/// is in sample units squared and all bands together come close to RMS².
/// </para>
/// <para>
/// Bin k lies at k·fs/N Hz. The dominant frequency is the bin of largest power above DC; a band
/// sums the bins in [low, high), so a band ending exactly at Nyquist leaves the Nyquist bin out.
/// </para>
/// </remarks>
public sealed class VibrationAnalyzer
{
    // A node rarely sees more than a couple of window sizes; the bound keeps a thread that sees
    // many from holding on to buffers for all of them.
    private const int MaxCachedSizes = 8;

    [ThreadStatic]
    private static Dictionary<int, Workspace>? _workspaces;

    private readonly FrequencyBand[] _bands;

    /// <summary>Creates an analyzer with the given options, validated here.</summary>
    public VibrationAnalyzer(VibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _bands = [.. options.Bands];
    }

    /// <summary>Creates an analyzer with the default options.</summary>
    public VibrationAnalyzer()
        : this(new VibrationOptions())
    {
    }

    /// <summary>The options the analyzer was created with.</summary>
    public VibrationOptions Options { get; }

    /// <summary>
    /// Computes the features of one window of <paramref name="samples"/> taken at
    /// <paramref name="sampleRateHz"/> Hz.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The window is shorter than MinSamples or longer than MaxSamples, a sample is NaN or
    /// infinite, or the sample rate is not finite or outside [MinSampleRateHz, MaxSampleRateHz].
    /// </exception>
    public VibrationFeatures Analyze(ReadOnlySpan<float> samples, double sampleRateHz)
    {
        var options = Options;
        if (!double.IsFinite(sampleRateHz)
            || sampleRateHz < options.MinSampleRateHz
            || sampleRateHz > options.MaxSampleRateHz)
        {
            throw new ArgumentException(
                $"Sample rate {sampleRateHz} Hz is outside [{options.MinSampleRateHz}, "
                + $"{options.MaxSampleRateHz}] Hz.",
                nameof(sampleRateHz));
        }

        var n = samples.Length;
        if (n < options.MinSamples || n > options.MaxSamples)
        {
            throw new ArgumentException(
                $"A window of {n} samples is outside [{options.MinSamples}, "
                + $"{options.MaxSamples}] samples.",
                nameof(samples));
        }

        var sum = 0.0;
        double min = samples[0];
        double max = samples[0];
        for (var i = 0; i < n; i++)
        {
            double x = samples[i];
            if (!double.IsFinite(x))
            {
                throw new ArgumentException(
                    $"Sample {i} is {x}; every sample must be a finite number.", nameof(samples));
            }

            sum += x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        var mean = sum / n;
        var workspace = RentWorkspace(n);
        var buffer = workspace.Buffer;
        var window = workspace.Hann;

        var sumSquares = 0.0;
        var sumFourth = 0.0;
        var maxAbs = 0.0;
        for (var i = 0; i < n; i++)
        {
            var d = samples[i] - mean;
            var d2 = d * d;
            sumSquares += d2;
            sumFourth += d2 * d2;
            maxAbs = Math.Max(maxAbs, Math.Abs(d));
            buffer[i] = new Complex(d * window[i], 0);
        }

        // Population moments (divide by N): the window is the whole signal, not a sample of it.
        var variance = sumSquares / n;
        var rms = Math.Sqrt(variance);
        var crestFactor = rms > 0 ? maxAbs / rms : 0;
        var kurtosis = variance > 0 ? sumFourth / n / (variance * variance) : 0;

        Fourier.Forward(buffer, FourierOptions.Matlab);

        var energies = new double[_bands.Length];
        var dominantHz = SpectrumFeatures(buffer, workspace.PowerScale, sampleRateHz, energies);

        return new VibrationFeatures(rms, max - min, crestFactor, kurtosis, dominantHz, energies);
    }

    private double SpectrumFeatures(
        Complex[] spectrum,
        double powerScale,
        double sampleRateHz,
        double[] energies)
    {
        var n = spectrum.Length;
        var half = n / 2;
        var bestPower = 0.0;
        var bestBin = 0;
        for (var k = 0; k <= half; k++)
        {
            var re = spectrum[k].Real;
            var im = spectrum[k].Imaginary;
            var mirrored = k > 0 && 2 * k != n;
            var power = ((re * re) + (im * im)) * powerScale * (mirrored ? 2 : 1);

            if (k > 0 && power > bestPower)
            {
                bestPower = power;
                bestBin = k;
            }

            var frequencyHz = k * sampleRateHz / n;
            for (var b = 0; b < _bands.Length; b++)
            {
                if (_bands[b].Contains(frequencyHz))
                {
                    energies[b] += power;
                }
            }
        }

        return bestBin * sampleRateHz / n;
    }

    private static Workspace RentWorkspace(int n)
    {
        var cache = _workspaces ??= [];
        if (!cache.TryGetValue(n, out var workspace))
        {
            if (cache.Count >= MaxCachedSizes)
            {
                cache.Clear();
            }

            workspace = new Workspace(n);
            cache.Add(n, workspace);
        }

        return workspace;
    }

    /// <summary>One thread's buffers for one window size: the FFT buffer and the Hann window.</summary>
    private sealed class Workspace
    {
        public Workspace(int n)
        {
            // Fourier.Forward takes a whole array and transforms all of it, so the buffer must have
            // exactly n elements; an ArrayPool array may be longer.
            Buffer = new Complex[n];
            Hann = Window.Hann(n);

            var windowEnergy = 0.0;
            foreach (var w in Hann)
            {
                windowEnergy += w * w;
            }

            PowerScale = 1.0 / (n * windowEnergy);
        }

        public Complex[] Buffer { get; }

        public double[] Hann { get; }

        public double PowerScale { get; }
    }
}
