namespace Edgewise.Simulator.Devices;

/// <summary>
/// A simulated device: a lazy, time-ordered stream of its readings, numbered from sequence 1.
/// Each enumeration starts the device again from its first reading.
/// </summary>
public interface IDeviceSource
{
    /// <summary>Stable id of the device, as sent in every reading.</summary>
    string DeviceId { get; }

    /// <summary>True when the stream never ends (a synthetic device); false for a replayed file.</summary>
    bool IsEndless { get; }

    /// <summary>
    /// Streams the readings in offset order. Timestamps are <paramref name="replayStart"/> plus
    /// each reading's offset, so a replay of old data looks like live data.
    /// </summary>
    IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart);
}
