using Edgewise.Readings;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// One reading a simulated device will send, with its place in the replay. The offset is data time
/// since the start of the replay; the scheduler divides it by the speed-up to find the wall time.
/// </summary>
/// <param name="DeviceId">Stable id of the device.</param>
/// <param name="Kind">Kind name from the catalogue (temperature, humidity, power, ...).</param>
/// <param name="Value">The measured value in <paramref name="Unit"/>; null when not active.</param>
/// <param name="Unit">Unit of the value, or null to let the node use the catalogue's unit.</param>
/// <param name="Status">The device's own status.</param>
/// <param name="Offset">Data time since the start of the replay, before speed-up.</param>
/// <param name="Timestamp">The measurement time to send: replay start plus offset.</param>
/// <param name="Sequence">Per-device sequence number, from 1, one more per reading.</param>
public sealed record SimulatedReading(
    string DeviceId,
    string Kind,
    double? Value,
    string? Unit,
    ReadingStatus Status,
    TimeSpan Offset,
    DateTimeOffset Timestamp,
    long Sequence)
{
    /// <summary>
    /// The data set's anomaly label: true for a reading labelled anomalous, false for normal, null
    /// when the source has no labels. Never sent; kept so flags can be compared with labels.
    /// </summary>
    public bool? AnomalyLabel { get; init; }

    /// <summary>For kind vibration: the window of accelerometer samples; null for scalar kinds.</summary>
    public float[]? Samples { get; init; }

    /// <summary>For kind vibration: the sampling rate of <see cref="Samples"/>, in Hz.</summary>
    public double? SampleRate { get; init; }

    /// <summary>For kind vibration: the sensor channel the window came from, or null.</summary>
    public string? Channel { get; init; }

    /// <summary>True for a vibration window, which travels in a request of its own.</summary>
    public bool IsVibration => Samples is not null;
}
