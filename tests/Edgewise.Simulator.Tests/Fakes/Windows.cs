using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>Vibration readings for sending tests.</summary>
internal static class Windows
{
    public static DateTimeOffset At { get; } = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static SimulatedReading Reading(string deviceId, long sequence, int samples = 256, string? channel = "ch1") =>
        new(deviceId, "vibration", null, null, ReadingStatus.Active, TimeSpan.Zero, At, sequence)
        {
            Samples = [.. Enumerable.Range(0, samples).Select(i => (float)Math.Sin(i * 0.3))],
            SampleRate = 20_480,
            Channel = channel,
        };
}
