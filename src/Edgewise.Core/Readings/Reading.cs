namespace Edgewise.Readings;

/// <summary>
/// One validated measurement from a device. <see cref="Value"/> is null only when the device
/// reported itself <see cref="ReadingStatus.Inactive"/> or <see cref="ReadingStatus.Error"/>.
/// </summary>
/// <param name="DeviceId">Stable id of the device that sent the reading.</param>
/// <param name="Kind">Name of the kind in the catalogue, lower case (temperature, humidity, ...).</param>
/// <param name="Value">The measured value in <paramref name="Unit"/>, or null.</param>
/// <param name="Unit">Unit of the value; the catalogue's unit when the device sent none.</param>
/// <param name="Timestamp">When the device measured, with its offset (UTC when none was sent).</param>
/// <param name="Sequence">Per-device sequence number; (device, sequence) identifies the reading.</param>
/// <param name="Status">The device's own status.</param>
public sealed record Reading(
    string DeviceId,
    string Kind,
    double? Value,
    string Unit,
    DateTimeOffset Timestamp,
    long Sequence,
    ReadingStatus Status)
{
    /// <summary>For kind vibration: the window of accelerometer samples; null for scalar kinds.</summary>
    public float[]? Samples { get; init; }

    /// <summary>For kind vibration: the sampling rate of <see cref="Samples"/>, in Hz.</summary>
    public double? SampleRate { get; init; }

    /// <summary>For kind vibration: the sensor channel (axis or position) the window came from.</summary>
    public string? Channel { get; init; }
}
