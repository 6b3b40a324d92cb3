using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class HouseholdPowerDeviceTests
{
    private const string Header =
        "Date;Time;Global_active_power;Global_reactive_power;Voltage;Global_intensity;"
        + "Sub_metering_1;Sub_metering_2;Sub_metering_3";

    private static readonly DateTimeOffset _start = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_CrlfTrailingSpaceGapAndNoFinalNewline_YieldsEveryRowWithGapInOffsets()
    {
        var text = Header + "\r\n"
            + "31/12/2006;23:58:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000 \r\n"
            + "31/12/2006;23:59:00;5.360;0.436;233.630;23.000;0.000;2.000;16.000\r\n"
            + "1/1/2007;0:02:00;3.000;0.436;240.000;23.000;5.000;3.000;15.000";

        var meter = Parse(text, HouseholdChannel.Meter);
        var heating = Parse(text, HouseholdChannel.Heating);

        Assert.Equal(["power", "voltage", "power", "voltage", "power", "voltage"], meter.Select(r => r.Kind));
        Assert.Equal([4.216, 234.84, 5.36, 233.63, 3.0, 240.0], meter.Select(r => r.Value!.Value));
        Assert.Equal([0.0, 0, 1, 1, 4, 4], meter.Select(r => r.Offset.TotalMinutes));
        Assert.Equal([1L, 2, 3, 4, 5, 6], meter.Select(r => r.Sequence));
        Assert.Equal(_start.AddMinutes(4), meter[^1].Timestamp);
        Assert.Equal([17.0, 16, 15], heating.Select(r => r.Value!.Value));
        Assert.All(heating, r => Assert.Equal(("energy", "Wh"), (r.Kind, r.Unit)));
    }

    [Fact]
    public void Parse_QuestionMarkRow_SkipsAndCountsIt()
    {
        var text = Header + "\r\n"
            + "16/12/2006;17:24:00;4.216;0.418;234.840;18.400;0.000;1.000;17.000\r\n"
            + "16/12/2006;17:25:00;?;?;?;?;?;?;\r\n"
            + "16/12/2006;17:26:00;5.360;0.436;233.630;23.000;0.000;1.000;16.000\r\n";
        var skipped = 0;

        var readings = HouseholdPowerDevice.Parse(
            new StringReader(text),
            "k",
            HouseholdChannel.Kitchen,
            _start,
            () => skipped++).ToList();

        Assert.Equal(1, skipped);
        Assert.Equal([0.0, 2], readings.Select(r => r.Offset.TotalMinutes));
        Assert.Equal([1L, 2], readings.Select(r => r.Sequence));
    }

    [Fact]
    public void ReadAll_RealFile_HasTwoThreeMinuteGapsAndSpansTheWholeFile()
    {
        var folder = Path.Combine(TestData.Directory, HouseholdPowerDataset.FolderName);
        var dataset = new HouseholdPowerDataset(folder);
        var meter = dataset.Devices.Single(d => d.Channel == HouseholdChannel.Meter);

        var powers = meter.ReadAll(_start).Where(r => r.Kind == "power").ToList();

        var steps = powers.Zip(powers.Skip(1), (a, b) => b.Offset - a.Offset).ToList();
        Assert.Equal(37_283, powers.Count);
        Assert.Equal(0, meter.SkippedRows);
        Assert.Equal(4.216, powers[0].Value);
        Assert.Equal(2, steps.Count(step => step == TimeSpan.FromMinutes(3)));
        Assert.All(steps, step => Assert.Contains(step.TotalMinutes, (double[])[1, 3]));
        var span = new DateTime(2007, 1, 11, 14, 50, 0) - new DateTime(2006, 12, 16, 17, 24, 0);
        Assert.Equal(span, powers[^1].Offset);
        Assert.Equal(
            ["household-meter", "household-kitchen", "household-laundry", "household-heating"],
            dataset.Devices.Select(d => d.DeviceId));
    }

    private static List<SimulatedReading> Parse(string text, HouseholdChannel channel) =>
        [.. HouseholdPowerDevice.Parse(new StringReader(text), "m", channel, _start)];
}
