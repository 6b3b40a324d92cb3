using Edgewise.Readings;
using Edgewise.Vibration;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// One accelerometer channel of the IMS bearing rig as a vibration device: each snapshot's channel
/// is cut into consecutive windows (the remainder of 20,480 samples dropped), one window per
/// interval of data time, looping over the snapshots in time order without end.
/// </summary>
public sealed class ImsBearingDevice : IDeviceSource
{
    private readonly int _channel;
    private readonly Lazy<IReadOnlyList<float[][]>> _snapshots;

    internal ImsBearingDevice(
        int channel,
        Lazy<IReadOnlyList<float[][]>> snapshots,
        int windowSamples,
        TimeSpan interval)
    {
        _channel = channel;
        _snapshots = snapshots;
        DeviceId = DeviceIdFor(channel);
        Channel = $"ch{channel + 1}";
        WindowSamples = windowSamples;
        Interval = interval;
    }

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <summary>The IMS channel name sent with each window, <c>ch1</c> to <c>ch8</c>.</summary>
    public string Channel { get; }

    /// <summary>Samples per window.</summary>
    public int WindowSamples { get; }

    /// <summary>Data time between windows.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public bool IsEndless => true;

    /// <summary>
    /// The device id of a zero-based channel, after the test-1 layout: bearing n has channels
    /// 2n − 1 (x) and 2n (y), so channel index 0 is <c>ims-bearing1-x</c> and 7 is <c>ims-bearing4-y</c>.
    /// </summary>
    public static string DeviceIdFor(int channel) =>
        $"ims-bearing{(channel / 2) + 1}-{(channel % 2 == 0 ? "x" : "y")}";

    /// <inheritdoc />
    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        var windowsPerSnapshot = ImsBearingFile.SamplesPerChannel / WindowSamples;
        long sequence = 1;
        while (true)
        {
            foreach (var snapshot in _snapshots.Value)
            {
                var channel = snapshot[_channel];
                for (var w = 0; w < windowsPerSnapshot; w++)
                {
                    var offset = Interval * (sequence - 1);
                    yield return new SimulatedReading(
                        DeviceId,
                        KindCatalogue.VibrationKind,
                        null,
                        null,
                        ReadingStatus.Active,
                        offset,
                        replayStart + offset,
                        sequence++)
                    {
                        Samples = channel.AsSpan(w * WindowSamples, WindowSamples).ToArray(),
                        SampleRate = ImsBearingFile.SampleRateHz,
                        Channel = Channel,
                    };
                }
            }
        }
    }
}
