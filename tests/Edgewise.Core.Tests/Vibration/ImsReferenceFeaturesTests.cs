using System.Text.Json;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

/// <summary>
/// Compares the analyzer with an independent numpy computation (reference_features.py) of the
/// first 4,096 samples of channel 1 of the first IMS snapshot, using the same definitions.
/// </summary>
public sealed class ImsReferenceFeaturesTests
{
    // Both sides work in double from the same float32 samples; what differs is summation order
    // and the FFT algorithm, worth about 1e-12 relative. 1e-6 leaves room without hiding a bug.
    private const double Relative = 1e-6;

    [Fact]
    public void Analyze_FirstImsWindow_MatchesNumpyReference()
    {
        var json = File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Vibration", "ims_reference_features.json"));
        using var reference = JsonDocument.Parse(json);
        var root = reference.RootElement;
        var n = root.GetProperty("samples").GetInt32();
        var channel = root.GetProperty("channel").GetInt32() - 1;
        var samples = ImsTestData.Read(root.GetProperty("file").GetString()!)[channel][..n];

        var features = new VibrationAnalyzer().Analyze(samples, ImsBearingFile.SampleRateHz);

        AssertClose(root.GetProperty("rms").GetDouble(), features.Rms);
        AssertClose(root.GetProperty("peakToPeak").GetDouble(), features.PeakToPeak);
        AssertClose(root.GetProperty("crestFactor").GetDouble(), features.CrestFactor);
        AssertClose(root.GetProperty("kurtosis").GetDouble(), features.Kurtosis);
        Assert.Equal(
            root.GetProperty("dominantFrequencyHz").GetDouble(), features.DominantFrequencyHz);
        var energies = root.GetProperty("bandEnergies").EnumerateArray()
            .Select(e => e.GetDouble()).ToArray();
        Assert.Equal(energies.Length, features.BandEnergies.Count);
        for (var b = 0; b < energies.Length; b++)
        {
            AssertClose(energies[b], features.BandEnergies[b]);
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.InRange(Math.Abs(actual - expected), 0, Relative * Math.Abs(expected));
}
