using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

public sealed class VibrationAnalyzerTests
{
    private const double Fs = Signals.SampleRateHz;

    private readonly VibrationAnalyzer _analyzer = new();

    [Theory]
    [InlineData(1_000.0)]
    [InlineData(1_002.5)]
    [InlineData(7_321.0)]
    public void Analyze_PureSine_FindsFrequencyAndAmplitude(double frequencyHz)
    {
        const int n = 4096;
        const double amplitude = 0.5;

        var features = _analyzer.Analyze(Signals.Sine(n, frequencyHz, amplitude), Fs);

        Assert.InRange(Math.Abs(features.DominantFrequencyHz - frequencyHz), 0, Fs / n);
        var rms = amplitude / Math.Sqrt(2);
        Assert.Equal(rms, features.Rms, tolerance: 0.01 * rms);
        Assert.Equal(Math.Sqrt(2), features.CrestFactor, tolerance: 0.01 * Math.Sqrt(2));
        Assert.Equal(1.5, features.Kurtosis, tolerance: 0.01);
        Assert.Equal(2 * amplitude, features.PeakToPeak, tolerance: 0.01);
    }

    [Fact]
    public void Analyze_PureSine_PutsItsEnergyInTheBandHoldingTheTone()
    {
        var features = _analyzer.Analyze(Signals.Sine(4096, 3_000, 0.5), Fs);

        // The spectrum is scaled so a tone's band carries its mean square, A²/2.
        Assert.Equal(0.125, features.BandEnergies[2], tolerance: 0.125 * 0.02);
        Assert.All(
            new[] { 0, 1, 3 },
            b => Assert.InRange(features.BandEnergies[b], 0, 1e-3 * features.BandEnergies[2]));
    }

    [Fact]
    public void Analyze_DcOffset_DoesNotChangeAnyFeature()
    {
        var centred = _analyzer.Analyze(Signals.Sine(4096, 1_000, 0.5), Fs);
        var shifted = _analyzer.Analyze(Signals.Sine(4096, 1_000, 0.5, offset: -0.229), Fs);

        Assert.Equal(centred.Rms, shifted.Rms, tolerance: 1e-6);
        Assert.Equal(centred.CrestFactor, shifted.CrestFactor, tolerance: 1e-5);
        Assert.Equal(centred.Kurtosis, shifted.Kurtosis, tolerance: 1e-5);
        Assert.Equal(centred.DominantFrequencyHz, shifted.DominantFrequencyHz);
        for (var b = 0; b < centred.BandEnergies.Count; b++)
        {
            Assert.Equal(centred.BandEnergies[b], shifted.BandEnergies[b], tolerance: 1e-8);
        }
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(4_999)]
    public void Analyze_LengthNotPowerOfTwo_StillFindsTheTone(int n)
    {
        var features = _analyzer.Analyze(Signals.Sine(n, 2_500, 0.5), Fs);

        Assert.InRange(Math.Abs(features.DominantFrequencyHz - 2_500), 0, Fs / n);
        Assert.Equal(0.125, features.BandEnergies[2], tolerance: 0.125 * 0.02);
    }

    [Fact]
    public void Analyze_SilentWindow_ReportsZeroesInsteadOfNaN()
    {
        var features = _analyzer.Analyze(new float[1024], Fs);

        Assert.Equal(0, features.Rms);
        Assert.Equal(0, features.CrestFactor);
        Assert.Equal(0, features.Kurtosis);
        Assert.Equal(0, features.DominantFrequencyHz);
        Assert.All(features.BandEnergies, e => Assert.Equal(0, e));
    }

    [Fact]
    public void Analyze_OddAndEvenLengths_AgreeOnTheSameSignal()
    {
        // Even lengths go through the packed half-length transform, odd ones through a full one.
        var signal = Signals.NoisySine(new Random(9), 4_097);

        var odd = _analyzer.Analyze(signal, Fs);
        var even = _analyzer.Analyze(signal.AsSpan(0, 4_096), Fs);

        Assert.Equal(odd.DominantFrequencyHz, even.DominantFrequencyHz, tolerance: Fs / 4_096);
        for (var b = 0; b < odd.BandEnergies.Count; b++)
        {
            Assert.Equal(odd.BandEnergies[b], even.BandEnergies[b], tolerance: 0.01 * odd.Rms * odd.Rms);
        }
    }

    [Fact]
    public void Analyze_ManyThreadsAndSizes_AgreesWithOneThread()
    {
        int[] sizes = [1024, 4096, 3001, 16384];
        var inputs = sizes.Select(n => Signals.NoisySine(new Random(n), n)).ToArray();
        var expected = inputs.Select(x => _analyzer.Analyze(x, Fs)).ToArray();
        var mismatches = 0;

        Parallel.For(0, 64, i =>
        {
            var k = i % sizes.Length;
            var actual = _analyzer.Analyze(inputs[k], Fs);
            if (actual.Rms != expected[k].Rms
                || !actual.BandEnergies.SequenceEqual(expected[k].BandEnergies))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Theory]
    [InlineData(255, "255 samples")]
    [InlineData(65_537, "65537 samples")]
    public void Analyze_WindowSizeOutOfRange_Throws(int n, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => _analyzer.Analyze(new float[n], Fs));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("samples", ex.ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Analyze_NonFiniteSample_ThrowsNamingItsIndex(float bad)
    {
        var samples = Signals.Sine(1024, 1_000, 0.5);
        samples[737] = bad;

        var ex = Assert.Throws<ArgumentException>(() => _analyzer.Analyze(samples, Fs));

        Assert.Contains("Sample 737", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.5)]
    [InlineData(2_000_000.0)]
    public void Analyze_SampleRateNotFiniteOrOutOfRange_Throws(double rate)
    {
        var ex = Assert.Throws<ArgumentException>(
            () => _analyzer.Analyze(Signals.Sine(1024, 1_000, 0.5), rate));

        Assert.Contains("Sample rate", ex.Message, StringComparison.Ordinal);
        Assert.Equal("sampleRateHz", ex.ParamName);
    }

    [Fact]
    public void Constructor_InvertedBand_Throws()
    {
        var options = new VibrationOptions { Bands = [new FrequencyBand(500, 100)] };

        var ex = Assert.Throws<ArgumentException>(() => new VibrationAnalyzer(options));

        Assert.Contains("Band 0", ex.Message, StringComparison.Ordinal);
    }
}
