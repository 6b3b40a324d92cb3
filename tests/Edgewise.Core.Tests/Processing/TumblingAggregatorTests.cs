using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Core.Tests.Processing;

public sealed class TumblingAggregatorTests
{
    private static readonly DateTimeOffset _minute = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TumblingAggregator _aggregator = new(TimeSpan.FromMinutes(1));
    private readonly DateTimeOffset _now = _minute;

    [Fact]
    public void Add_ReadingsInOneWindow_NothingClosed()
    {
        Assert.Empty(Add(20, _minute.AddSeconds(1)));
        Assert.Empty(Add(22, _minute.AddSeconds(59)));
    }

    [Fact]
    public void Add_ReadingOfLaterWindow_ClosesEarlierWindowWithItsSummary()
    {
        Add(20, _minute.AddSeconds(5));
        Add(26, _minute.AddSeconds(30), outOfRange: true);
        Add(23, _minute.AddSeconds(50), anomaly: true);

        var closed = Add(21, _minute.AddMinutes(1).AddSeconds(2));

        var aggregate = Assert.Single(closed);
        Assert.Equal(
            new Aggregate("T_1", "temperature", _minute, _minute.AddMinutes(1), 3, 69, 20, 26, 1, 1),
            aggregate);
        Assert.Equal(23, aggregate.Mean, 9);
    }

    [Fact]
    public void Add_WindowAlignedToEventTimeNotArrival()
    {
        var at = new DateTimeOffset(2024, 10, 1, 14, 7, 42, TimeSpan.FromHours(2));
        Add(20, at);

        var aggregate = Assert.Single(_aggregator.FlushAll());

        Assert.Equal(new DateTimeOffset(2024, 10, 1, 12, 7, 0, TimeSpan.Zero), aggregate.WindowStart);
        Assert.Equal(TimeSpan.Zero, aggregate.WindowStart.Offset);
    }

    [Fact]
    public void Add_OtherDeviceOrKind_DoesNotCloseWindow()
    {
        Add(20, _minute.AddSeconds(5));

        Assert.Empty(Add(20, _minute.AddMinutes(3), deviceId: "T_2"));
        var humidity = new Reading("T_1", "humidity", 50, "%", _minute.AddMinutes(3), 9, ReadingStatus.Active);
        Assert.Empty(_aggregator.Add(humidity, Readings.Plain(humidity), _now));
    }

    [Fact]
    public void Add_LateReadingForClosedWindow_OpensNewBucketForThatWindow()
    {
        Add(20, _minute.AddSeconds(5));
        Add(21, _minute.AddMinutes(1).AddSeconds(5));

        Assert.Empty(Add(19, _minute.AddSeconds(40)));
        var closed = Add(22, _minute.AddMinutes(2));

        Assert.Equal([_minute, _minute.AddMinutes(1)], closed.Select(a => a.WindowStart));
        Assert.Equal(1, closed[0].Count);
        Assert.Equal(19, closed[0].Sum);
    }

    [Fact]
    public void Add_LateReadingForOpenWindow_JoinsIt()
    {
        Add(20, _minute.AddMinutes(1));
        Add(30, _minute.AddMinutes(2));
        Add(40, _minute.AddMinutes(1).AddSeconds(30));

        var aggregates = _aggregator.FlushAll();

        Assert.Equal([1L, 1L], aggregates.Select(a => a.Count));
        Assert.Equal([40d, 30d], aggregates.Select(a => a.Sum));
    }

    [Fact]
    public void Add_ReadingWithoutValue_Ignored()
    {
        var inactive = Readings.Temperature(null, 1, at: _minute);

        Assert.Empty(_aggregator.Add(inactive, Readings.Plain(inactive), _now));
        Assert.Empty(_aggregator.FlushAll());
    }

    [Fact]
    public void FlushIdle_ClosesOnlyWindowsUntouchedForIdle()
    {
        Add(20, _minute, now: _now);
        Add(20, _minute, deviceId: "T_2", now: _now.AddSeconds(50));

        var closed = _aggregator.FlushIdle(_now.AddSeconds(90), TimeSpan.FromMinutes(1));

        Assert.Equal("T_1", Assert.Single(closed).DeviceId);
        Assert.Equal("T_2", Assert.Single(_aggregator.FlushAll()).DeviceId);
        Assert.Empty(_aggregator.FlushAll());
    }

    [Fact]
    public void Constructor_NonPositiveWindow_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TumblingAggregator(TimeSpan.Zero));
    }

    private IReadOnlyList<Aggregate> Add(
        double value,
        DateTimeOffset at,
        string deviceId = "T_1",
        bool outOfRange = false,
        bool anomaly = false,
        DateTimeOffset? now = null)
    {
        var reading = Readings.Temperature(value, 1, deviceId, at);
        var outcome = new ReadingOutcome(reading.Sequence, reading.Kind, outOfRange, null, anomaly);

        return _aggregator.Add(reading, outcome, now ?? _now);
    }
}
