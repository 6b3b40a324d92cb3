using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Tests.Devices;

public sealed class SyntheticTemperatureDeviceTests
{
    private const int Count = 20_000;

    [Fact]
    public void ReadAll_ManyReadings_StaysInRangeWithTenPercentErrorsAndInactive()
    {
        var device = new SyntheticTemperatureDevice("T_1", new Random(7));

        var readings = device.ReadAll(DateTimeOffset.UnixEpoch).Take(Count).ToList();

        var errors = readings.Count(r => r.Status == ReadingStatus.Error) / (double)Count;
        var inactive = readings.Count(r => r.Status == ReadingStatus.Inactive) / (double)Count;
        Assert.InRange(errors, 0.09, 0.11);
        Assert.InRange(inactive, 0.09, 0.11);
        var active = readings.Where(r => r.Status == ReadingStatus.Active);
        Assert.All(active, r => Assert.InRange(r.Value!.Value, 15, 30));
        Assert.All(readings.Where(r => r.Status != ReadingStatus.Active), r => Assert.Null(r.Value));
        Assert.Equal(Enumerable.Range(1, Count).Select(i => (long)i), readings.Select(r => r.Sequence));
        Assert.Equal(TimeSpan.FromSeconds(5 * (Count - 1)), readings[^1].Offset);
    }

    [Fact]
    public void ReadAll_SameSeed_RepeatsTheSameReadings()
    {
        var first = new SyntheticTemperatureDevice("T_1", new Random(3)).ReadAll(default).Take(50);
        var second = new SyntheticTemperatureDevice("T_1", new Random(3)).ReadAll(default).Take(50);

        Assert.Equal(first, second);
    }

    [Fact]
    public void ReadAll_CustomInterval_SpacesReadingsByIt()
    {
        var device = new SyntheticTemperatureDevice("T_2", new Random(1), TimeSpan.FromSeconds(2));

        var offsets = device.ReadAll(DateTimeOffset.UnixEpoch).Take(3).Select(r => r.Offset.TotalSeconds);

        Assert.Equal([0.0, 2, 4], offsets);
    }
}
