using System.Globalization;
using Edgewise.Readings;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// One device replayed from the household power file, one row a minute. Offsets count from the
/// first row's time; a gap in the file is a gap in the readings, and unreadable rows ('?' values)
/// are skipped and counted in <see cref="SkippedRows"/>.
/// </summary>
public sealed class HouseholdPowerDevice : IDeviceSource
{
    // The file's times are local without a zone; they are only subtracted from each other, so the
    // zone does not matter (the shipped span has no daylight-saving change).
    private static readonly string[] _timeFormats = ["d/M/yyyy H:mm:ss", "d/M/yyyy H:mm"];

    private readonly string _path;
    private int _skippedRows;

    /// <summary>Creates a device replaying one channel of the file at <paramref name="path"/>.</summary>
    public HouseholdPowerDevice(string deviceId, string path, HouseholdChannel channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(path);

        DeviceId = deviceId;
        Channel = channel;
        _path = path;
    }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <summary>The columns this device replays.</summary>
    public HouseholdChannel Channel { get; }

    /// <inheritdoc />
    public bool IsEndless => false;

    /// <summary>Rows skipped so far by the current or last enumeration (missing or malformed values).</summary>
    public int SkippedRows => Volatile.Read(ref _skippedRows);

    /// <inheritdoc />
    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        Volatile.Write(ref _skippedRows, 0);
        using var reader = DataFile.OpenText(_path);
        foreach (var reading in Parse(reader, DeviceId, Channel, replayStart, OnSkipped))
        {
            yield return reading;
        }
    }

    /// <summary>
    /// Parses semicolon-separated rows. ReadLine accepts CRLF, LF and a last line without a newline;
    /// each line is trimmed because the first data row ends in a space.
    /// </summary>
    internal static IEnumerable<SimulatedReading> Parse(
        TextReader reader,
        string deviceId,
        HouseholdChannel channel,
        DateTimeOffset replayStart,
        Action? onSkipped = null)
    {
        DateTime? origin = null;
        var last = TimeSpan.MinValue;
        long sequence = 0;
        var first = true;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var isFirstLine = first;
            first = false;
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(';');
            if (fields.Length < 9 || !TryParseTime(fields[0], fields[1], out var time))
            {
                // The header is the first line and is not a data row.
                if (!isFirstLine)
                {
                    onSkipped?.Invoke();
                }

                continue;
            }

            origin ??= time;
            var offset = time - origin.Value;
            if (offset <= last && last != TimeSpan.MinValue)
            {
                // Out-of-order or repeated minutes would break the device's time order.
                onSkipped?.Invoke();
                continue;
            }

            if (channel == HouseholdChannel.Meter)
            {
                if (!TryParseValue(fields[2], out var power) || !TryParseValue(fields[4], out var volts))
                {
                    onSkipped?.Invoke();
                    continue;
                }

                last = offset;
                yield return Make(deviceId, "power", power, "kW", offset, replayStart, ++sequence);
                yield return Make(deviceId, "voltage", volts, "V", offset, replayStart, ++sequence);
                continue;
            }

            var column = channel switch
            {
                HouseholdChannel.Kitchen => 6,
                HouseholdChannel.Laundry => 7,
                _ => 8,
            };
            if (!TryParseValue(fields[column], out var energy))
            {
                onSkipped?.Invoke();
                continue;
            }

            last = offset;
            yield return Make(deviceId, "energy", energy, "Wh", offset, replayStart, ++sequence);
        }
    }

    private static SimulatedReading Make(
        string deviceId,
        string kind,
        double value,
        string unit,
        TimeSpan offset,
        DateTimeOffset replayStart,
        long sequence) =>
        new(deviceId, kind, value, unit, ReadingStatus.Active, offset, replayStart + offset, sequence);

    private static bool TryParseTime(string date, string time, out DateTime value) =>
        DateTime.TryParseExact(
            date.Trim() + " " + time.Trim(),
            _timeFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out value);

    private static bool TryParseValue(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    private void OnSkipped() => Interlocked.Increment(ref _skippedRows);
}
