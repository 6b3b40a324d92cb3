namespace Edgewise.Simulator.Devices;

/// <summary>
/// Builds the list of simulated devices from data set names: wsn, power and synthetic (scalar),
/// ims and rig (vibration).
/// </summary>
public static class DeviceCatalog
{
    /// <summary>The labelled WSN motes (8 devices).</summary>
    public const string Wsn = "wsn";

    /// <summary>The household power meter and sub-meters (4 devices).</summary>
    public const string Power = "power";

    /// <summary>Synthetic temperature devices T_1..T_n.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>The IMS bearing rig's accelerometer channels (8 vibration devices).</summary>
    public const string Ims = "ims";

    /// <summary>Synthetic bearing rigs rig-1..rig-n with a growing fault tone (vibration).</summary>
    public const string Rig = "rig";

    /// <summary>Every data set name the catalogue knows.</summary>
    public static IReadOnlyList<string> KnownDatasets { get; } = [Wsn, Power, Synthetic, Ims, Rig];

    /// <summary>The data directory shipped beside the binaries.</summary>
    public static string DefaultDataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// Makes the devices of the named data sets, in the order named, with the default vibration
    /// settings (4,096-sample windows every second, one rig).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="KnownDatasets"/>.</exception>
    public static IReadOnlyList<IDeviceSource> Build(
        IEnumerable<string> datasets,
        int syntheticDevices,
        string dataDirectory,
        Random random,
        TimeSpan? syntheticInterval = null)
    {
        ArgumentNullException.ThrowIfNull(datasets);

        var options = new SimulationOptions
        {
            Datasets = [.. datasets],
            SyntheticDevices = syntheticDevices,
            SyntheticInterval = syntheticInterval ?? TimeSpan.FromSeconds(5),
        };

        return Build(options, dataDirectory, random);
    }

    /// <summary>
    /// Makes the devices of <see cref="SimulationOptions.Datasets"/>, in the order named, sized by
    /// the options. Each synthetic device and rig gets its own random source seeded from
    /// <paramref name="random"/>, so the set repeats for a seed.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="KnownDatasets"/>.</exception>
    public static IReadOnlyList<IDeviceSource> Build(SimulationOptions options, string dataDirectory, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.SyntheticDevices, nameof(options.SyntheticDevices));
        ArgumentOutOfRangeException.ThrowIfNegative(options.RigDevices, nameof(options.RigDevices));
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(random);

        var devices = new List<IDeviceSource>();
        foreach (var name in options.Datasets.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            switch (name.ToLowerInvariant())
            {
                case Wsn:
                    var wsnFolder = Path.Combine(dataDirectory, WsnLabelledDataset.FolderName);
                    devices.AddRange(new WsnLabelledDataset(wsnFolder).Devices);
                    break;
                case Power:
                    var powerFolder = Path.Combine(dataDirectory, HouseholdPowerDataset.FolderName);
                    devices.AddRange(new HouseholdPowerDataset(powerFolder).Devices);
                    break;
                case Synthetic:
                    for (var i = 1; i <= options.SyntheticDevices; i++)
                    {
                        devices.Add(new SyntheticTemperatureDevice(
                            SyntheticTemperatureDevice.DeviceIdFor(i),
                            new Random(random.Next()),
                            options.SyntheticInterval));
                    }

                    break;
                case Ims:
                    var imsFolder = Path.Combine(dataDirectory, ImsBearingDataset.FolderName);
                    var ims = new ImsBearingDataset(imsFolder, options.WindowSamples, options.VibrationInterval);
                    devices.AddRange(ims.Devices);
                    break;
                case Rig:
                    for (var i = 1; i <= options.RigDevices; i++)
                    {
                        devices.Add(new SyntheticRigDevice(
                            SyntheticRigDevice.DeviceIdFor(i),
                            new Random(random.Next()),
                            options.WindowSamples,
                            options.VibrationInterval));
                    }

                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown data set '{name}'; use {string.Join(", ", KnownDatasets)}.",
                        nameof(options));
            }
        }

        return devices;
    }
}
