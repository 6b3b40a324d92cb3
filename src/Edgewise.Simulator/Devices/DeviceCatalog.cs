namespace Edgewise.Simulator.Devices;

/// <summary>Builds the list of simulated devices from data set names: wsn, power and synthetic.</summary>
public static class DeviceCatalog
{
    /// <summary>The labelled WSN motes (8 devices).</summary>
    public const string Wsn = "wsn";

    /// <summary>The household power meter and sub-meters (4 devices).</summary>
    public const string Power = "power";

    /// <summary>Synthetic temperature devices T_1..T_n.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>Every data set name the catalogue knows.</summary>
    public static IReadOnlyList<string> KnownDatasets { get; } = [Wsn, Power, Synthetic];

    /// <summary>The data directory shipped beside the binaries.</summary>
    public static string DefaultDataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// Makes the devices of the named data sets, in the order named. Each synthetic device gets its
    /// own random source seeded from <paramref name="random"/>, so the set repeats for a seed.
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
        ArgumentOutOfRangeException.ThrowIfNegative(syntheticDevices);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(random);

        var devices = new List<IDeviceSource>();
        foreach (var name in datasets.Distinct(StringComparer.OrdinalIgnoreCase))
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
                    for (var i = 1; i <= syntheticDevices; i++)
                    {
                        devices.Add(new SyntheticTemperatureDevice(
                            SyntheticTemperatureDevice.DeviceIdFor(i),
                            new Random(random.Next()),
                            syntheticInterval));
                    }

                    break;
                default:
                    throw new ArgumentException(
                        $"Unknown data set '{name}'; use {string.Join(", ", KnownDatasets)}.",
                        nameof(datasets));
            }
        }

        return devices;
    }
}
