namespace Edgewise.Simulator.Devices;

/// <summary>
/// The UCI household electric power data set replayed as four devices: the meter
/// (<c>household-meter</c>: power and voltage every minute) and three sub-meters
/// (<c>household-kitchen</c>, <c>household-laundry</c>, <c>household-heating</c>: energy in Wh).
/// </summary>
public sealed class HouseholdPowerDataset
{
    /// <summary>Name of the data set's folder under the data directory.</summary>
    public const string FolderName = "uci-household-power";

    /// <summary>Finds the data file in <paramref name="directory"/> and makes the four devices.</summary>
    public HouseholdPowerDataset(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The household power folder '{directory}' does not exist; set the data directory.");
        }

        Path = Directory.EnumerateFiles(directory, "household_power_consumption*.txt*")
            .Order(StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new FileNotFoundException(
                $"No household_power_consumption*.txt[.gz] file in '{directory}'.");

        Devices =
        [
            new HouseholdPowerDevice("household-meter", Path, HouseholdChannel.Meter),
            new HouseholdPowerDevice("household-kitchen", Path, HouseholdChannel.Kitchen),
            new HouseholdPowerDevice("household-laundry", Path, HouseholdChannel.Laundry),
            new HouseholdPowerDevice("household-heating", Path, HouseholdChannel.Heating),
        ];
    }

    /// <summary>The data file the devices read.</summary>
    public string Path { get; }

    /// <summary>The meter and the three sub-meters, in that order.</summary>
    public IReadOnlyList<HouseholdPowerDevice> Devices { get; }
}
