using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Tests.Fakes;
using Edgewise.Vibration;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class ImsBearingDeviceTests
{
    private static readonly string _folder = Path.Combine(TestData.Directory, ImsBearingDataset.FolderName);

    [Fact]
    public void Devices_OnePerChannel_NamedAfterBearingAndAxis()
    {
        var dataset = new ImsBearingDataset(_folder);

        Assert.Equal(
            [
                "ims-bearing1-x", "ims-bearing1-y", "ims-bearing2-x", "ims-bearing2-y",
                "ims-bearing3-x", "ims-bearing3-y", "ims-bearing4-x", "ims-bearing4-y",
            ],
            dataset.Devices.Select(d => d.DeviceId));
        Assert.All(dataset.Devices, device => Assert.True(device.IsEndless));
    }

    [Fact]
    public void ReadAll_FirstWindow_IsTheFirstFilesFirstSamplesOfThatChannel()
    {
        var dataset = new ImsBearingDataset(_folder);
        var first = ImsBearingFile.Read(dataset.Files[0]);

        var window = dataset.Devices[6].ReadAll(DateTimeOffset.UnixEpoch).First();

        Assert.Equal(first[6].AsSpan(0, 4_096).ToArray(), window.Samples);
        Assert.Equal(
            ("vibration", "ch7", 20_480.0, 1L),
            (window.Kind, window.Channel, window.SampleRate!.Value, window.Sequence));
        Assert.Null(window.Value);
    }

    [Fact]
    public void ReadAll_Windows_FivePerFileOneASecondThenLoopingInTimeOrder()
    {
        var dataset = new ImsBearingDataset(_folder);
        var perLoop = dataset.Files.Count * 5;
        var start = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);

        var windows = dataset.Devices[0].ReadAll(start).Take((2 * perLoop) + 1).ToList();

        Assert.All(windows, w => Assert.Equal(4_096, w.Samples!.Length));
        Assert.Equal(Enumerable.Range(1, windows.Count).Select(i => (long)i), windows.Select(w => w.Sequence));
        Assert.Equal(TimeSpan.FromSeconds(perLoop), windows[perLoop].Offset);
        Assert.Equal(start + windows[3].Offset, windows[3].Timestamp);
        var second = ImsBearingFile.Read(dataset.Files[1]);
        Assert.Equal(second[0].AsSpan(4_096, 4_096).ToArray(), windows[6].Samples);
        Assert.Equal(windows[0].Samples, windows[perLoop].Samples);
        Assert.Equal(windows[1].Samples, windows[(2 * perLoop) + 1 - perLoop].Samples);
        Assert.NotEqual(windows[0].Samples, windows[1].Samples);
    }

    [Fact]
    public void ReadAll_LargerWindowsAndInterval_CutsFewerWindowsFurtherApart()
    {
        var dataset = new ImsBearingDataset(_folder, 8_192, TimeSpan.FromSeconds(10));

        var windows = dataset.Devices[1].ReadAll(DateTimeOffset.UnixEpoch).Take(3).ToList();

        var first = ImsBearingFile.Read(dataset.Files[0]);
        var second = ImsBearingFile.Read(dataset.Files[1]);
        Assert.Equal(second[1].AsSpan(0, 8_192).ToArray(), windows[2].Samples);
        Assert.Equal(first[1].AsSpan(8_192, 8_192).ToArray(), windows[1].Samples);
        Assert.Equal(TimeSpan.FromSeconds(20), windows[2].Offset);
    }

    [Fact]
    public void Constructor_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new ImsBearingDataset(Path.Combine(_folder, "nope")));
    }
}
