using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>A device that yields one temperature reading at each given offset (in seconds).</summary>
internal sealed class ListDevice(string deviceId, bool endless, params double[] offsetSeconds) : IDeviceSource
{
    public string DeviceId { get; } = deviceId;

    public bool IsEndless { get; } = endless;

    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        long sequence = 0;
        do
        {
            foreach (var seconds in offsetSeconds)
            {
                var offset = TimeSpan.FromSeconds(seconds + (sequence / offsetSeconds.Length * 1000));
                yield return Reading(DeviceId, ++sequence, offset, replayStart);
            }
        }
        while (IsEndless);
    }

    public static SimulatedReading Reading(
        string deviceId,
        long sequence,
        TimeSpan offset = default,
        DateTimeOffset start = default) =>
        new(deviceId, "temperature", 20 + sequence, "°C", ReadingStatus.Active, offset, start + offset, sequence);
}
