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
/// <c>np.hanning</c>) and transformed with an unscaled forward DFT X[k] = Σ d[i]·w[i]·e^(−2πik/N),
/// computed by MathNet's <c>Fourier.Forward</c> (radix-2 for powers of two, Bluestein otherwise);
/// an even-length window is packed into a complex transform of half the length.
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
        var moments = workspace.Packed
            ? FillPacked(samples, mean, workspace)
            : FillComplex(samples, mean, workspace);

        // Population moments (divide by N): the window is the whole signal, not a sample of it.
        var variance = moments.SumSquares / n;
        var rms = Math.Sqrt(variance);
        var crestFactor = rms > 0 ? moments.MaxAbs / rms : 0;
        var kurtosis = variance > 0 ? moments.SumFourth / n / (variance * variance) : 0;

        Fourier.Forward(workspace.Buffer, FourierOptions.Matlab);
        if (workspace.Packed)
        {
            UnpackPower(workspace);
        }
        else
        {
            ComplexPower(workspace);
        }

        var energies = new double[_bands.Length];
        var dominantHz = SpectrumFeatures(workspace, n, sampleRateHz, energies);

        return new VibrationFeatures(rms, max - min, crestFactor, kurtosis, dominantHz, energies);
    }

    private static Moments FillComplex(ReadOnlySpan<float> samples, double mean, Workspace workspace)
    {
        var buffer = workspace.Buffer;
        var hann = workspace.Hann;
        var moments = default(Moments);
        for (var i = 0; i < samples.Length; i++)
        {
            var d = samples[i] - mean;
            moments.Add(d);
            buffer[i] = new Complex(d * hann[i], 0);
        }

        return moments;
    }

    private static Moments FillPacked(ReadOnlySpan<float> samples, double mean, Workspace workspace)
    {
        var buffer = workspace.Buffer;
        var hann = workspace.Hann;
        var moments = default(Moments);
        for (var m = 0; m < buffer.Length; m++)
        {
            var even = samples[2 * m] - mean;
            var odd = samples[(2 * m) + 1] - mean;
            moments.Add(even);
            moments.Add(odd);
            buffer[m] = new Complex(even * hann[2 * m], odd * hann[(2 * m) + 1]);
        }

        return moments;
    }

    private static void ComplexPower(Workspace workspace)
    {
        var spectrum = workspace.Buffer;
        var power = workspace.Power;
        for (var k = 0; k < power.Length; k++)
        {
            var re = spectrum[k].Real;
            var im = spectrum[k].Imaginary;
            power[k] = (re * re) + (im * im);
        }
    }

    // A real window of even length N is transformed as N/2 complex points z[m] = y[2m] + i·y[2m+1].
    // With Z = DFT(z), the even and odd halves are E[k] = (Z[k] + conj Z[M−k]) / 2 and
    // O[k] = (Z[k] − conj Z[M−k]) / 2i, and X[k] = E[k] + e^(−2πik/N)·O[k] for k = 0 … N/2, taking
    // Z[M] = Z[0] (Press et al., Numerical Recipes, 3rd ed., §12.3). Half the butterflies and
    // twiddle factors of a full complex transform, and the same X[k] up to rounding.
    private static void UnpackPower(Workspace workspace)
    {
        var z = workspace.Buffer;
        var cos = workspace.TwiddleCos;
        var sin = workspace.TwiddleSin;
        var power = workspace.Power;
        var half = z.Length;
        for (var k = 0; k <= half; k++)
        {
            var a = z[k == half ? 0 : k];
            var b = z[k == 0 ? 0 : half - k];

            // E = (a + conj b) / 2; O = (a − conj b) / 2i = (Im(a + b), −Re(a − b)) / 2.
            var evenRe = 0.5 * (a.Real + b.Real);
            var evenIm = 0.5 * (a.Imaginary - b.Imaginary);
            var oddRe = 0.5 * (a.Imaginary + b.Imaginary);
            var oddIm = -0.5 * (a.Real - b.Real);

            // X = E + (cos − i·sin)·O.
            var re = evenRe + (cos[k] * oddRe) + (sin[k] * oddIm);
            var im = evenIm + (cos[k] * oddIm) - (sin[k] * oddRe);
            power[k] = (re * re) + (im * im);
        }
    }

    private double SpectrumFeatures(
        Workspace workspace,
        int n,
        double sampleRateHz,
        double[] energies)
    {
        var squaredMagnitude = workspace.Power;
        var scale = workspace.PowerScale;
        var bestPower = 0.0;
        var bestBin = 0;
        for (var k = 0; k < squaredMagnitude.Length; k++)
        {
            var mirrored = k > 0 && 2 * k != n;
            var power = squaredMagnitude[k] * scale * (mirrored ? 2 : 1);

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

    /// <summary>Running sums of the centred samples' powers, for RMS, kurtosis and crest.</summary>
    private struct Moments
    {
        public double SumSquares;
        public double SumFourth;
        public double MaxAbs;

        public void Add(double d)
        {
            var d2 = d * d;
            SumSquares += d2;
            SumFourth += d2 * d2;
            MaxAbs = Math.Max(MaxAbs, Math.Abs(d));
        }
    }

    /// <summary>
    /// One thread's buffers for one window size: the FFT buffer (N/2 points for even N, else N),
    /// the Hann window, the twiddle factors for unpacking, and the squared magnitudes of bins 0 … N/2.
    /// </summary>
    private sealed class Workspace
    {
        public Workspace(int n)
        {
            // Fourier.Forward takes a whole array and transforms all of it, so the buffer must have
            // exactly the transform's length; an ArrayPool array may be longer.
            Packed = n % 2 == 0;
            Buffer = new Complex[Packed ? n / 2 : n];
            Hann = Window.Hann(n);
            Power = new double[(n / 2) + 1];
            TwiddleCos = new double[Packed ? Power.Length : 0];
            TwiddleSin = new double[TwiddleCos.Length];
            for (var k = 0; k < TwiddleCos.Length; k++)
            {
                TwiddleCos[k] = Math.Cos(2 * Math.PI * k / n);
                TwiddleSin[k] = Math.Sin(2 * Math.PI * k / n);
            }

            var windowEnergy = 0.0;
            foreach (var w in Hann)
            {
                windowEnergy += w * w;
            }

            PowerScale = 1.0 / (n * windowEnergy);
        }

        public bool Packed { get; }

        public Complex[] Buffer { get; }

        public double[] Hann { get; }

        public double[] Power { get; }

        public double[] TwiddleCos { get; }

        public double[] TwiddleSin { get; }

        public double PowerScale { get; }
    }
}
