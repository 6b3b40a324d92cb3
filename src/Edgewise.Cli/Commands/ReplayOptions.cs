using System.CommandLine;
using Edgewise.Simulator;
using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Sending;

namespace Edgewise.Cli.Commands;

/// <summary>The replay settings <c>simulate</c> and <c>demo</c> share.</summary>
internal sealed class ReplayOptions
{
    private readonly Option<string[]> _datasets = new("--datasets")
    {
        Description = $"Data sets to replay: {string.Join(", ", DeviceCatalog.KnownDatasets)} (default all)",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<int> _synthetic = new("--synthetic")
    {
        Description = "Synthetic temperature devices (T_1, T_2, ...)",
        DefaultValueFactory = _ => 4,
    };

    private readonly Option<double> _speedUp = new("--speed-up")
    {
        Description = "Data time per wall-clock time (60 replays an hour in a minute)",
        DefaultValueFactory = _ => 60,
    };

    private readonly Option<double?> _duration = new("--duration")
    {
        Description = "Seconds of wall-clock time to send for; without it, until the data ends",
    };

    private readonly Option<double?> _skew = new("--skew")
    {
        Description = "Share of devices homed on the first node, 0-1; without it, devices spread evenly",
    };

    private readonly Option<int> _rigs = new("--rigs")
    {
        Description = "Synthetic vibration rigs whose bearing fault tone grows over time (rig-1, ...)",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int> _windowSamples = new("--window-samples")
    {
        Description = "Samples per vibration window cut from the IMS bearing data and the rigs",
        DefaultValueFactory = _ => 4_096,
    };

    private readonly Option<double> _vibrationInterval = new("--vibration-interval")
    {
        Description = "Seconds of data time between a vibration device's windows",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<VibrationFormat> _vibrationFormat = new("--vibration-format")
    {
        Description = "How vibration windows travel: Binary (float32 body) or Json",
        DefaultValueFactory = _ => VibrationFormat.Binary,
    };

    private readonly Option<int> _concurrency = new("--concurrency")
    {
        Description = "Most requests in flight",
        DefaultValueFactory = _ => 64,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of synthetic devices, assignment and retry jitter",
        DefaultValueFactory = _ => 42,
    };

    private readonly Option<string> _dataDirectory = new("--data-sets")
    {
        Description = "Folder holding the data sets (default: the data folder shipped beside the binaries)",
    };

    public static IReadOnlyList<Uri> SplitUrls(IEnumerable<string>? values) =>
        [.. (values ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(value => Uri.TryCreate(value, UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"'{value}' is not an absolute URL (http://host:port)."))];

    public void AddTo(Command command)
    {
        command.Options.Add(_datasets);
        command.Options.Add(_synthetic);
        command.Options.Add(_speedUp);
        command.Options.Add(_duration);
        command.Options.Add(_skew);
        command.Options.Add(_rigs);
        command.Options.Add(_windowSamples);
        command.Options.Add(_vibrationInterval);
        command.Options.Add(_vibrationFormat);
        command.Options.Add(_concurrency);
        command.Options.Add(_seed);
        command.Options.Add(_dataDirectory);
    }

    /// <summary>Sets a default shown in the command's help, for commands whose defaults differ.</summary>
    public void Defaults(
        double? duration = null,
        double? skew = null,
        double? speedUp = null,
        double? vibrationInterval = null)
    {
        if (vibrationInterval is { } interval)
        {
            _vibrationInterval.DefaultValueFactory = _ => interval;
        }

        if (duration is not null)
        {
            _duration.DefaultValueFactory = _ => duration;
        }

        if (skew is not null)
        {
            _skew.DefaultValueFactory = _ => skew;
        }

        if (speedUp is { } value)
        {
            _speedUp.DefaultValueFactory = _ => value;
        }
    }

    public SimulationOptions Read(ParseResult parse, IReadOnlyList<Uri> targets)
    {
        var datasets = (parse.GetValue(_datasets) ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();

        return new SimulationOptions
        {
            Targets = targets,
            Datasets = datasets.Length > 0 ? datasets : DeviceCatalog.KnownDatasets,
            SyntheticDevices = parse.GetValue(_synthetic),
            RigDevices = parse.GetValue(_rigs),
            WindowSamples = parse.GetValue(_windowSamples),
            VibrationInterval = TimeSpan.FromSeconds(parse.GetValue(_vibrationInterval)),
            VibrationFormat = parse.GetValue(_vibrationFormat),
            SpeedUp = parse.GetValue(_speedUp),
            Duration = parse.GetValue(_duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Skew = parse.GetValue(_skew),
            MaxConcurrency = parse.GetValue(_concurrency),
            Seed = parse.GetValue(_seed),
            DataDirectory = parse.GetValue(_dataDirectory),
        };
    }
}
