using System.Globalization;
using Edgewise.Readings;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// One mote of the labelled WSN data set replayed as a device: each row becomes a humidity (%) and
/// a temperature (°C) reading at offset (reading# − 1) × 5 s, carrying the row's anomaly label.
/// </summary>
public sealed class WsnMoteDevice : IDeviceSource
{
    private static readonly char[] _separators = ['\t', ' '];

    private readonly string _path;

    /// <summary>Creates the device for the mote file at <paramref name="path"/>.</summary>
    public WsnMoteDevice(string deviceId, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(path);

        DeviceId = deviceId;
        _path = path;
    }

    /// <summary>The sampling interval the source states: 5 s per row.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <inheritdoc />
    public bool IsEndless => false;

    /// <inheritdoc />
    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        using var reader = DataFile.OpenText(_path);
        foreach (var reading in Parse(reader, DeviceId, replayStart))
        {
            yield return reading;
        }
    }

    /// <summary>
    /// Parses mote rows. The header is space-separated while rows are tab-separated, so fields are
    /// split on either; the header is recognised by its first field not being a number.
    /// </summary>
    internal static IEnumerable<SimulatedReading> Parse(
        TextReader reader,
        string deviceId,
        DateTimeOffset replayStart)
    {
        long sequence = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var fields = line.Split(_separators, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5
                || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var rowNumber)
                || !TryParseDouble(fields[2], out var humidity)
                || !TryParseDouble(fields[3], out var temperature))
            {
                continue;
            }

            var offset = Interval * (rowNumber - 1);
            var timestamp = replayStart + offset;
            bool? label = fields[4] switch
            {
                "1" => true,
                "0" => false,
                _ => null,
            };

            yield return new SimulatedReading(
                deviceId,
                "humidity",
                humidity,
                "%",
                ReadingStatus.Active,
                offset,
                timestamp,
                ++sequence)
            { AnomalyLabel = label };

            yield return new SimulatedReading(
                deviceId,
                "temperature",
                temperature,
                "°C",
                ReadingStatus.Active,
                offset,
                timestamp,
                ++sequence)
            { AnomalyLabel = label };
        }
    }

    private static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
