using Edgewise.Vibration;

namespace Edgewise.Simulator.Devices;

/// <summary>
/// The NASA/IMS bearing snapshots (test 1) replayed as eight vibration devices, one per
/// accelerometer channel. The snapshots are decoded once, on first use, and shared by all eight.
/// </summary>
public sealed class ImsBearingDataset
{
    /// <summary>Name of the data set's folder under the data directory.</summary>
    public const string FolderName = "nasa-ims-bearing";

    /// <summary>Finds the snapshot files in <paramref name="directory"/> and makes the eight devices.</summary>
    /// <param name="directory">Folder holding the <c>yyyy.MM.dd.HH.mm.ss.txt.gz</c> snapshots.</param>
    /// <param name="windowSamples">Samples per window, 1 to 20,480; default 4,096.</param>
    /// <param name="interval">Data time between a device's windows; default 1 s.</param>
    public ImsBearingDataset(string directory, int windowSamples = 4_096, TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSamples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowSamples, ImsBearingFile.SamplesPerChannel);
        var step = interval ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(interval));
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The IMS bearing folder '{directory}' does not exist; set the data directory.");
        }

        // The file names are the recording times, yyyy.MM.dd.HH.mm.ss, so name order is time order.
        Files = [.. Directory.EnumerateFiles(directory, "*.txt.gz").Order(StringComparer.Ordinal)];
        if (Files.Count == 0)
        {
            throw new FileNotFoundException($"No IMS snapshot (*.txt.gz) in '{directory}'.");
        }

        var snapshots = new Lazy<IReadOnlyList<float[][]>>(
            () => [.. Files.Select(ImsBearingFile.Read)],
            LazyThreadSafetyMode.ExecutionAndPublication);
        Devices =
        [
            .. Enumerable.Range(0, ImsBearingFile.Channels)
                .Select(channel => new ImsBearingDevice(channel, snapshots, windowSamples, step)),
        ];
    }

    /// <summary>The snapshot files, in time order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>One device per channel, channels 1 to 8 in order.</summary>
    public IReadOnlyList<ImsBearingDevice> Devices { get; }
}
