using Edgewise.Simulator.Devices;
using Edgewise.Vibration;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class SyntheticRigDeviceTests
{
    private readonly VibrationAnalyzer _analyzer = new();

    [Fact]
    public void ReadAll_AnHourIn_FaultBandEnergyHasGrown()
    {
        var device = new SyntheticRigDevice("rig-1", new Random(7));
        var windows = device.ReadAll(DateTimeOffset.UnixEpoch).Take(3_601).ToList();

        var early = _analyzer.Analyze(windows[0].Samples, windows[0].SampleRate!.Value);
        var late = _analyzer.Analyze(windows[^1].Samples, windows[^1].SampleRate!.Value);

        // Band 2 is 2–5 kHz, where the 3,100 Hz fault tone lies.
        Assert.True(
            late.BandEnergies[2] > 100 * early.BandEnergies[2],
            $"{early.BandEnergies[2]} -> {late.BandEnergies[2]}");
        Assert.Equal(TimeSpan.FromHours(1), windows[^1].Offset);
        Assert.Equal(SyntheticRigDevice.FaultHz, late.DominantFrequencyHz, 5.0);
        Assert.Equal(SyntheticRigDevice.ShaftHz, early.DominantFrequencyHz, 5.0);
    }

    [Fact]
    public void FaultAmplitude_GrowsLinearlyToTheShaftsInHalfAnHourAndIsCapped()
    {
        Assert.Equal(0, SyntheticRigDevice.FaultAmplitude(TimeSpan.Zero));
        Assert.Equal(SyntheticRigDevice.ShaftAmplitude / 2, SyntheticRigDevice.FaultAmplitude(TimeSpan.FromMinutes(15)), 12);
        Assert.Equal(SyntheticRigDevice.ShaftAmplitude, SyntheticRigDevice.FaultAmplitude(TimeSpan.FromMinutes(30)), 12);
        Assert.Equal(4 * SyntheticRigDevice.ShaftAmplitude, SyntheticRigDevice.FaultAmplitude(TimeSpan.FromDays(1)), 12);
    }

    [Fact]
    public void ReadAll_SameSeed_SameWindows()
    {
        var a = Windows(new SyntheticRigDevice("rig-1", new Random(3), 1_024));
        var b = Windows(new SyntheticRigDevice("rig-1", new Random(3), 1_024));

        Assert.Equal(a.Select(w => w.Samples), b.Select(w => w.Samples));
        Assert.All(a, w => Assert.Equal((1_024, "vibration", "g"), (w.Samples!.Length, w.Kind, w.Unit)));
    }

    private static List<SimulatedReading> Windows(SyntheticRigDevice device) =>
        device.ReadAll(DateTimeOffset.UnixEpoch).Take(2).ToList();
}
