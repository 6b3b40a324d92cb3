namespace Edgewise.Readings;

/// <summary>
/// The fields of a binary vibration reading, as raw strings exactly as they arrive in the query
/// string; <see cref="ReadingParser.ParseVibrationBinary"/> validates them and names the one at fault.
/// </summary>
public sealed record VibrationMetadata
{
    /// <summary>Query parameter names of a binary window, as senders write them and nodes read them.</summary>
    public const string DeviceIdName = "deviceId";
    public const string SequenceName = "sequence";
    public const string SampleRateName = "sampleRate";
    public const string TimestampName = "timestamp";
    public const string ChannelName = "channel";
    public const string SamplesName = "samples";
    public const string StatusName = "status";

    /// <summary>Stable id of the device (query <c>deviceId</c>); required.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Per-device sequence number, a whole number ≥ 0 (query <c>sequence</c>); required.</summary>
    public string? Sequence { get; init; }

    /// <summary>Sampling rate in Hz, invariant culture (query <c>sampleRate</c>); required.</summary>
    public string? SampleRate { get; init; }

    /// <summary>ISO 8601 time the window was measured (query <c>timestamp</c>); required.</summary>
    public string? Timestamp { get; init; }

    /// <summary>Sensor channel, at most 64 characters (query <c>channel</c>); optional.</summary>
    public string? Channel { get; init; }

    /// <summary>Declared sample count; when given, the body must hold exactly that many (query <c>samples</c>).</summary>
    public string? Samples { get; init; }

    /// <summary>ACTIVE, INACTIVE or ERROR (query <c>status</c>); optional, default ACTIVE.</summary>
    public string? Status { get; init; }

    /// <summary>Reads the fields from a query string, through <paramref name="lookup"/> (null when a name is absent).</summary>
    public static VibrationMetadata FromQuery(Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);

        return new VibrationMetadata
        {
            DeviceId = lookup(DeviceIdName),
            Sequence = lookup(SequenceName),
            SampleRate = lookup(SampleRateName),
            Timestamp = lookup(TimestampName),
            Channel = lookup(ChannelName),
            Samples = lookup(SamplesName),
            Status = lookup(StatusName),
        };
    }
}
