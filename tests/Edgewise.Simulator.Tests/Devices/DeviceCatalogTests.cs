using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class DeviceCatalogTests
{
    [Fact]
    public void Build_AllDatasets_MakesEveryDeviceWithSequencesFromOnePerDevice()
    {
        var devices = DeviceCatalog.Build(["wsn", "power", "synthetic"], 3, TestData.Directory, new Random(42));

        Assert.Equal(8 + 4 + 3, devices.Count);
        Assert.Equal(devices.Count, devices.Select(d => d.DeviceId).Distinct().Count());
        Assert.Equal(["T_1", "T_2", "T_3"], devices.TakeLast(3).Select(d => d.DeviceId));
        Assert.All(devices, device =>
        {
            var readings = device.ReadAll(DateTimeOffset.UnixEpoch).Take(20).ToList();
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), readings.Select(r => r.Sequence));
            Assert.All(readings, r => Assert.Equal(device.DeviceId, r.DeviceId));
            Assert.Equal(readings.Select(r => r.Offset).Order(), readings.Select(r => r.Offset));
        });
    }

    [Fact]
    public void Build_VibrationDatasets_MakesImsChannelsAndRigsWithTheOptionsWindow()
    {
        var options = new SimulationOptions { Datasets = ["ims", "rig"], RigDevices = 2, WindowSamples = 1_024 };

        var devices = DeviceCatalog.Build(options, TestData.Directory, new Random(42));

        Assert.Equal(8 + 2, devices.Count);
        Assert.Equal(
            ["ims-bearing1-x", "rig-1", "rig-2"],
            devices.Where((_, i) => i is 0 or 8 or 9).Select(d => d.DeviceId));
        Assert.All(devices, device =>
        {
            var window = device.ReadAll(DateTimeOffset.UnixEpoch).First();
            Assert.Equal(1_024, window.Samples!.Length);
            Assert.Equal(1, window.Sequence);
        });
    }

    [Fact]
    public void SimulationOptions_DefaultDatasets_MixScalarAndVibrationDevices()
    {
        Assert.Equal(["wsn", "power", "synthetic", "ims"], new SimulationOptions().Datasets);
    }

    [Fact]
    public void Build_UnknownName_ThrowsNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(
            () => DeviceCatalog.Build(["lora"], 0, TestData.Directory, new Random(1)));

        Assert.Contains("wsn, power, synthetic, ims, rig", error.Message, StringComparison.Ordinal);
    }
}
