using System.Buffers;
using System.Globalization;

namespace Edgewise.Readings;

/// <summary>
/// Reads ISO 8601 timestamps from request bodies: one with an offset or Z keeps it; one without
/// (the prototype's "2024-10-01 12:00:00") is read as local time in the configured zone.
/// </summary>
internal sealed class TimestampReader(ReadingParserOptions options, TimeProvider time)
{
    // K matches "Z", an offset or nothing, which tells a zoned timestamp from a local one.
    private static readonly SearchValues<char> ZoneMarks = SearchValues.Create("Z+-");

    private static readonly string[] _formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mmK",
    ];

    /// <summary>
    /// Parses and range-checks a timestamp; on failure, says why in terms of
    /// <paramref name="field"/>.
    /// </summary>
    public bool TryRead(string? text, string field, out DateTimeOffset timestamp, out string reason)
    {
        timestamp = default;
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = $"{field} is required";
            return false;
        }

        if (!TryParse(text, out timestamp))
        {
            reason = $"{field} '{ReadingText.Echo(text)}' is not an ISO 8601 date and time"
                + " such as 2024-10-01T12:00:00Z";
            return false;
        }

        if (timestamp < options.EarliestTimestamp)
        {
            reason = $"{field} {timestamp:O} is before the earliest accepted,"
                + $" {options.EarliestTimestamp:O}";
            return false;
        }

        var latest = time.GetUtcNow() + options.MaxFutureSkew;
        if (timestamp > latest)
        {
            reason = $"{field} {timestamp:O} is more than {Describe(options.MaxFutureSkew)} ahead of"
                + " the node's clock";
            return false;
        }

        return true;
    }

    private bool TryParse(string text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var invariant = CultureInfo.InvariantCulture;

        // Most devices send a zone, and such a timestamp is parsed once, straight to an offset.
        // Without one, the parser is asked; should it still find a zone, the offset path follows.
        if (!HasZone(text))
        {
            if (!DateTime.TryParseExact(text, _formats, invariant, DateTimeStyles.None, out var local))
            {
                return false;
            }

            if (local.Kind == DateTimeKind.Unspecified)
            {
                return TryFromLocal(local, out timestamp);
            }
        }

        // A zone was given: read as an offset, so the device's own offset is kept.
        return DateTimeOffset.TryParseExact(text, _formats, invariant, DateTimeStyles.None, out timestamp);
    }

    /// <summary>
    /// A local time is read in the configured zone. In a spring-forward gap or an autumn overlap
    /// the zone's standard offset applies; a device sending local time cannot say which of two
    /// repeated hours it meant.
    /// </summary>
    private bool TryFromLocal(DateTime local, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var offset = options.LocalTimeZone.GetUtcOffset(local);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        timestamp = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>
    /// Whether the text carries a zone after its date: Z or a signed offset.
    /// </summary>
    private static bool HasZone(string text) =>
        text.Length > 10 && text.AsSpan(10).IndexOfAny(ZoneMarks) >= 0;

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1
            ? $"{span.TotalHours:0.##} hours"
            : $"{span.TotalMinutes:0.##} minutes";
}
