using Edgewise.Readings;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// A temperature sensor like the original prototype's: a random walk kept within 15–30 °C, one
/// reading per interval (default 5 s), reporting ERROR 10 % and INACTIVE 10 % of the time with no
/// value. Endless; the random source decides everything, so a seeded one gives a repeatable device.
/// </summary>
public sealed class SyntheticTemperatureDevice : IDeviceSource
{
    /// <summary>Lowest temperature the walk reaches, °C.</summary>
    public const double Min = 15;

    /// <summary>Highest temperature the walk reaches, °C.</summary>
    public const double Max = 30;

    private const double MaxStep = 0.5;
    private const double ErrorShare = 0.1;
    private const double InactiveShare = 0.1;

    private readonly Random _random;

    /// <summary>Creates a device; <paramref name="interval"/> defaults to 5 s.</summary>
    public SyntheticTemperatureDevice(string deviceId, Random random, TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(random);
        var step = interval ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(interval));

        DeviceId = deviceId;
        Interval = step;
        _random = random;
    }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <summary>Time between readings, in data time.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public bool IsEndless => true;

    /// <summary>The prototype's id for the n-th synthetic device, from 1: <c>T_1</c>, <c>T_2</c>, ...</summary>
    public static string DeviceIdFor(int number) => $"T_{number}";

    /// <inheritdoc />
    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        var temperature = Min + (_random.NextDouble() * (Max - Min));
        for (long sequence = 1; ; sequence++)
        {
            var offset = Interval * (sequence - 1);
            var roll = _random.NextDouble();
            var status = roll < ErrorShare
                ? ReadingStatus.Error
                : roll < ErrorShare + InactiveShare ? ReadingStatus.Inactive : ReadingStatus.Active;

            double? value = status == ReadingStatus.Active ? Math.Round(temperature, 2) : null;
            yield return new SimulatedReading(
                DeviceId,
                "temperature",
                value,
                "°C",
                status,
                offset,
                replayStart + offset,
                sequence);

            temperature = Reflect(temperature + ((_random.NextDouble() * 2) - 1) * MaxStep);
        }
    }

    // Reflecting at the bounds keeps the walk inside the range without piling values on the edges.
    private static double Reflect(double value) =>
        value < Min ? Min + (Min - value) : value > Max ? Max - (value - Max) : value;
}
