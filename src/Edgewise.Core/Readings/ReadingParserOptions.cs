using Edgewise.Vibration;

namespace Edgewise.Readings;

/// <summary>Limits and conventions a <see cref="ReadingParser"/> applies to request bodies.</summary>
public sealed record ReadingParserOptions
{
    /// <summary>Most readings one request may carry; a larger body is refused whole. Default 10,000.</summary>
    public int MaxReadingsPerRequest { get; init; } = 10_000;

    /// <summary>The zone in which a timestamp without offset is read. Default UTC.</summary>
    public TimeZoneInfo LocalTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Earliest timestamp accepted. Default 1970-01-01T00:00:00Z.</summary>
    public DateTimeOffset EarliestTimestamp { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>How far ahead of the node's clock a timestamp may be. Default one day.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Limits a vibration window must meet: sample count and sample rate. Use the same options as
    /// the analyzer so every accepted window can be computed. Default <c>new VibrationOptions()</c>.
    /// </summary>
    public VibrationOptions Vibration { get; init; } = new();
}
