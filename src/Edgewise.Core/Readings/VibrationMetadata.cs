namespace Edgewise.Readings;

/// <summary>
/// The fields of a binary vibration reading, as raw strings exactly as they arrive in the query
/// string; <see cref="ReadingParser.ParseVibrationBinary"/> validates them and names the one at fault.
/// </summary>
public sealed record VibrationMetadata
{
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
}
