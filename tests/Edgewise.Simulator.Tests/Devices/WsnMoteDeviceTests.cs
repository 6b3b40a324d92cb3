using System.Globalization;
using System.IO.Compression;
using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class WsnMoteDeviceTests
{
    private static readonly DateTimeOffset _start = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_SpaceHeaderOverTabRows_YieldsHumidityThenTemperaturePerRow()
    {
        var text = "Reading# Mote-ID Humidity Temperature Label\n1\t1\t45.93\t27.97\t0\n2\t1\t45.9\t27.95\t1\n";

        var readings = WsnMoteDevice.Parse(new StringReader(text), "wsn-x", _start).ToList();

        Assert.Equal(4, readings.Count);
        Assert.Equal(["humidity", "temperature", "humidity", "temperature"], readings.Select(r => r.Kind));
        Assert.Equal([45.93, 27.97, 45.9, 27.95], readings.Select(r => r.Value!.Value));
        Assert.Equal(["%", "°C", "%", "°C"], readings.Select(r => r.Unit));
        Assert.Equal([0L, 0, 5, 5], readings.Select(r => (long)r.Offset.TotalSeconds));
        Assert.Equal([1L, 2, 3, 4], readings.Select(r => r.Sequence));
        Assert.Equal([false, false, true, true], readings.Select(r => r.AnomalyLabel));
        Assert.Equal(_start.AddSeconds(5), readings[3].Timestamp);
    }

    [Fact]
    public void ReadAll_RealFile_MatchesFirstRowAndSpacesRowsFiveSecondsApart()
    {
        var path = Path.Combine(
            TestData.Directory,
            WsnLabelledDataset.FolderName,
            "singlehop_indoor_moteid1_data.txt.gz");
        var firstRow = FirstDataRow(path);
        var device = new WsnMoteDevice("wsn-singlehop-indoor-1", path);

        var readings = device.ReadAll(_start).ToList();

        Assert.Equal(double.Parse(firstRow[2], CultureInfo.InvariantCulture), readings[0].Value);
        Assert.Equal(double.Parse(firstRow[3], CultureInfo.InvariantCulture), readings[1].Value);
        Assert.Equal(firstRow[4] == "1", readings[0].AnomalyLabel);
        Assert.Equal(4_417 * 2, readings.Count);
        Assert.Equal(TimeSpan.FromSeconds(4_416 * 5), readings[^1].Offset);
        Assert.Equal(117, readings.Count(r => r.Kind == "humidity" && r.AnomalyLabel == true));
        Assert.Equal(Enumerable.Range(1, readings.Count).Select(i => (long)i), readings.Select(r => r.Sequence));
        Assert.All(readings.Chunk(2).Skip(1).Zip(readings.Chunk(2)), pair =>
            Assert.Equal(TimeSpan.FromSeconds(5), pair.First[0].Offset - pair.Second[0].Offset));
    }

    [Theory]
    [InlineData("singlehop_indoor_moteid1_data.txt.gz", "wsn-singlehop-indoor-1")]
    [InlineData("multihop_outdoor_moteid2_data.txt.gz", "wsn-multihop-outdoor-2")]
    public void DeviceIdFor_MoteFileName_NamesDeploymentPlaceAndMote(string fileName, string expected) =>
        Assert.Equal(expected, WsnLabelledDataset.DeviceIdFor(fileName));

    [Fact]
    public void Devices_ShippedFolder_OneDevicePerMoteFile()
    {
        var dataset = new WsnLabelledDataset(Path.Combine(TestData.Directory, WsnLabelledDataset.FolderName));

        Assert.Equal(8, dataset.Devices.Count);
        Assert.Equal(8, dataset.Devices.Select(d => d.DeviceId).Distinct().Count());
        Assert.Contains(dataset.Devices, d => d.DeviceId == "wsn-multihop-indoor-3");
    }

    private static string[] FirstDataRow(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        reader.ReadLine();

        return reader.ReadLine()!.Split('\t');
    }
}
