using Edgewise.Readings;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// A synthetic bearing rig as a vibration device: each window is a 33.3 Hz shaft tone (2,000 rpm)
/// with its 2nd and 3rd harmonics plus Gaussian noise, and a 3,100 Hz bearing fault tone whose
/// amplitude grows with data time. Endless; a seeded random source gives a repeatable rig.
/// </summary>
/// <remarks>
/// The fault tone starts at zero and grows linearly, reaching the shaft tone's amplitude
/// (<see cref="ShaftAmplitude"/>) after <see cref="FaultGrowthTime"/> of data time, and stops
/// growing at four times that, a bearing near failure. Amplitudes are in g.
/// </remarks>
public sealed class SyntheticRigDevice : IDeviceSource
{
    /// <summary>Sampling rate of the windows, in Hz (as the IMS rig's).</summary>
    public const double SampleRateHz = 20_480;

    /// <summary>Shaft rotation frequency, in Hz (2,000 rpm).</summary>
    public const double ShaftHz = 2_000 / 60.0;

    /// <summary>Frequency of the bearing fault tone, in Hz.</summary>
    public const double FaultHz = 3_100;

    /// <summary>Amplitude of the shaft tone's fundamental, in g.</summary>
    public const double ShaftAmplitude = 0.5;

    /// <summary>Standard deviation of the broadband noise, in g.</summary>
    public const double NoiseLevel = 0.05;

    private const double MaxFaultAmplitude = 4 * ShaftAmplitude;

    private readonly Random _random;

    /// <summary>Creates a rig; <paramref name="interval"/> defaults to 1 s, windows to 4,096 samples.</summary>
    public SyntheticRigDevice(
        string deviceId,
        Random random,
        int windowSamples = 4_096,
        TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSamples, 1);
        var step = interval ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(interval));

        DeviceId = deviceId;
        WindowSamples = windowSamples;
        Interval = step;
        _random = random;
    }

    /// <summary>Data time after which the fault tone is as strong as the shaft tone: 30 min.</summary>
    public static TimeSpan FaultGrowthTime { get; } = TimeSpan.FromMinutes(30);

    /// <inheritdoc />
    public string DeviceId { get; }

    /// <summary>Samples per window.</summary>
    public int WindowSamples { get; }

    /// <summary>Data time between windows.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public bool IsEndless => true;

    /// <summary>The id of the n-th rig, from 1: <c>rig-1</c>, <c>rig-2</c>, ...</summary>
    public static string DeviceIdFor(int number) => $"rig-{number}";

    /// <summary>The fault tone's amplitude in g after <paramref name="dataTime"/> of running.</summary>
    public static double FaultAmplitude(TimeSpan dataTime) =>
        Math.Min(MaxFaultAmplitude, ShaftAmplitude * (dataTime / FaultGrowthTime));

    /// <inheritdoc />
    public IEnumerable<SimulatedReading> ReadAll(DateTimeOffset replayStart)
    {
        for (long sequence = 1; ; sequence++)
        {
            var offset = Interval * (sequence - 1);
            yield return new SimulatedReading(
                DeviceId,
                KindCatalogue.VibrationKind,
                null,
                "g",
                ReadingStatus.Active,
                offset,
                replayStart + offset,
                sequence)
            {
                Samples = Window(FaultAmplitude(offset)),
                SampleRate = SampleRateHz,
            };
        }
    }

    private float[] Window(double faultAmplitude)
    {
        // Each window starts at a random phase, as a real capture starts at no particular angle.
        var shaftPhase = _random.NextDouble() * 2 * Math.PI;
        var faultPhase = _random.NextDouble() * 2 * Math.PI;
        var samples = new float[WindowSamples];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / SampleRateHz;
            var shaft = (2 * Math.PI * ShaftHz * t) + shaftPhase;
            var value = (ShaftAmplitude * Math.Sin(shaft))
                + (ShaftAmplitude / 2 * Math.Sin(2 * shaft))
                + (ShaftAmplitude / 4 * Math.Sin(3 * shaft))
                + (faultAmplitude * Math.Sin((2 * Math.PI * FaultHz * t) + faultPhase))
                + (NoiseLevel * Gaussian());
            samples[i] = (float)value;
        }

        return samples;
    }

    private double Gaussian()
    {
        // Box-Muller; 1 − NextDouble() keeps the logarithm's argument above zero.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();

        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
