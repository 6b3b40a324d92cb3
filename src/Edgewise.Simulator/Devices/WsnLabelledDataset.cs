namespace Edgewise.Simulator.Devices;

/// <summary>
/// The labelled wireless sensor network data set (Suthaharan et al., 2010): one device per mote
/// file, humidity and temperature every 5 s, with each row's anomaly label kept.
/// </summary>
public sealed class WsnLabelledDataset
{
    /// <summary>Name of the data set's folder under the data directory.</summary>
    public const string FolderName = "suthaharan-wsn-labelled";

    /// <summary>Finds the mote files in <paramref name="directory"/>, sorted by name.</summary>
    public WsnLabelledDataset(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"The WSN data set folder '{directory}' does not exist; set the data directory.");
        }

        Devices = Directory.EnumerateFiles(directory, "*_data.txt*")
            .Order(StringComparer.Ordinal)
            .Select(path => new WsnMoteDevice(DeviceIdFor(Path.GetFileName(path)), path))
            .ToArray();
    }

    /// <summary>One device per mote file, ids like <c>wsn-singlehop-indoor-1</c>.</summary>
    public IReadOnlyList<WsnMoteDevice> Devices { get; }

    /// <summary>
    /// Makes a device id from a mote file's name:
    /// <c>multihop_outdoor_moteid2_data.txt.gz</c> becomes <c>wsn-multihop-outdoor-2</c>.
    /// </summary>
    public static string DeviceIdFor(string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);

        var stem = fileName;
        var end = stem.IndexOf("_data", StringComparison.Ordinal);
        if (end >= 0)
        {
            stem = stem[..end];
        }

        stem = stem.Replace("moteid", string.Empty, StringComparison.Ordinal);

        return "wsn-" + stem.Replace('_', '-').ToLowerInvariant();
    }
}
