using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Sending;

namespace Edgewise.Simulator;

/// <summary>What a simulation replays, to which nodes, how fast and for how long.</summary>
public sealed record SimulationOptions
{
    /// <summary>URI scheme of a target that is an MQTT broker rather than a node.</summary>
    public const string MqttScheme = "mqtt";

    /// <summary>
    /// Where devices send: base URLs of nodes, e.g. <c>http://127.0.0.1:5101</c>, or MQTT brokers
    /// with a topic prefix, e.g. <c>mqtt://127.0.0.1:1883/edgewise</c> (devices publish to
    /// <c>edgewise/{device}/readings</c>); devices are assigned to targets as to nodes.
    /// </summary>
    public IReadOnlyList<Uri> Targets { get; init; } = [];

    /// <summary>
    /// Data sets to replay, from <see cref="DeviceCatalog.KnownDatasets"/>; default wsn, power,
    /// synthetic and ims, so scalar and vibration devices mix in one run.
    /// </summary>
    public IReadOnlyList<string> Datasets { get; init; } =
        [DeviceCatalog.Wsn, DeviceCatalog.Power, DeviceCatalog.Synthetic, DeviceCatalog.Ims];

    /// <summary>How many synthetic temperature devices when "synthetic" is named; default 4.</summary>
    public int SyntheticDevices { get; init; } = 4;

    /// <summary>Data time between a synthetic device's readings; default 5 s.</summary>
    public TimeSpan SyntheticInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Samples per vibration window (ims and rig devices), 256 to 20,480; default 4,096.</summary>
    public int WindowSamples { get; init; } = 4_096;

    /// <summary>Data time between a vibration device's windows; default 1 s.</summary>
    public TimeSpan VibrationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many synthetic rigs when "rig" is named; default 1.</summary>
    public int RigDevices { get; init; } = 1;

    /// <summary>How vibration windows are sent: binary (default) or JSON.</summary>
    public VibrationFormat VibrationFormat { get; init; } = VibrationFormat.Binary;

    /// <summary>Data time per wall-clock time; 60 replays an hour of data in a minute. Default 60.</summary>
    public double SpeedUp { get; init; } = 60;

    /// <summary>
    /// Wall-clock time after which no new reading is sent; null runs until the replayed data sets
    /// end (with only synthetic devices, until cancelled).
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Share of devices homed on the first target (0–1); null spreads them evenly.</summary>
    public double? Skew { get; init; }

    /// <summary>Most requests in flight over all nodes; default 64.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>Most attempts per request, the first included; default 8.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Time one attempt may take; default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed for synthetic devices, skewed assignment and retry jitter; default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Folder holding the data sets; null uses the <c>data</c> folder beside the binaries.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>How long to wait for requests in flight once sending stops; default 30 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often progress is reported; default 1 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>API key sent with every request (Authorization: Bearer); null sends none, for nodes in open mode.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The sender settings these options imply.</summary>
    public ReadingSenderOptions ToSenderOptions() => new()
    {
        ApiKey = ApiKey,
        MaxConcurrency = MaxConcurrency,
        MaxAttempts = MaxAttempts,
        RequestTimeout = RequestTimeout,
        VibrationFormat = VibrationFormat,
    };

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Targets.Count == 0)
        {
            throw new ArgumentException("At least one target node URL is needed.", nameof(Targets));
        }

        if (Targets.Any(target => !target.IsAbsoluteUri))
        {
            throw new ArgumentException(
                "Target node URLs must be absolute (http://host:port).",
                nameof(Targets));
        }

        var mqtt = Targets.Count(target => target.Scheme == MqttScheme);
        if (mqtt > 0 && mqtt < Targets.Count)
        {
            throw new ArgumentException(
                "Targets are either all nodes (http://host:port) or all MQTT brokers (mqtt://host:port/prefix), not a mix.",
                nameof(Targets));
        }

        if (Targets.Any(target => target.Scheme is not ("http" or "https" or MqttScheme)))
        {
            throw new ArgumentException(
                "Targets must be http://, https:// (a node) or mqtt:// (a broker and topic prefix).",
                nameof(Targets));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(SyntheticDevices, nameof(SyntheticDevices));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(
            SyntheticInterval,
            TimeSpan.Zero,
            nameof(SyntheticInterval));
        ArgumentOutOfRangeException.ThrowIfNegative(RigDevices, nameof(RigDevices));

        // 256 is the node's default smallest window; 20,480 is one IMS snapshot.
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowSamples, 256, nameof(WindowSamples));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(WindowSamples, 20_480, nameof(WindowSamples));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(
            VibrationInterval,
            TimeSpan.Zero,
            nameof(VibrationInterval));
        if (!(SpeedUp > 0) || double.IsInfinity(SpeedUp))
        {
            throw new ArgumentOutOfRangeException(nameof(SpeedUp), SpeedUp, "Speed-up must be positive.");
        }

        if (Duration is { } duration)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, nameof(Duration));
        }

        if (Skew is { } skew && !(skew is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Skew), skew, "Skew must be in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero, nameof(DrainTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(
            ProgressInterval,
            TimeSpan.Zero,
            nameof(ProgressInterval));
        ToSenderOptions().Validate();
    }
}
