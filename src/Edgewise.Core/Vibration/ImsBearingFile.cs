using System.Globalization;
using System.IO.Compression;

namespace Edgewise.Vibration;

/// <summary>
/// Reads one snapshot of the NASA/IMS bearing data set (test 1): a gzip text file of 20,480 rows,
/// each with 8 tab-separated accelerometer values. Edgewise takes its sample rate as 20,480 Hz.
/// </summary>
public static class ImsBearingFile
{
    /// <summary>Accelerometer channels in a test-1 snapshot.</summary>
    public const int Channels = 8;

    /// <summary>Samples per channel in one snapshot (one second of signal).</summary>
    public const int SamplesPerChannel = 20_480;

    /// <summary>
    /// Sample rate assumed for the snapshots, in Hz. The IMS readme says "20 kHz" for 20,480
    /// points per second-long snapshot; Edgewise uses 20,480 Hz so one snapshot is one second.
    /// </summary>
    public const double SampleRateHz = 20_480;

    /// <summary>Reads a gzip snapshot file into <see cref="Channels"/> arrays of samples.</summary>
    /// <exception cref="InvalidDataException">A row has the wrong field count or a bad number.</exception>
    public static float[][] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);

        return Read(file, Path.GetFileName(path));
    }

    /// <summary>Reads a gzip snapshot from a stream; <paramref name="name"/> labels errors.</summary>
    /// <exception cref="InvalidDataException">A row has the wrong field count or a bad number.</exception>
    public static float[][] Read(Stream gzip, string name = "snapshot")
    {
        ArgumentNullException.ThrowIfNull(gzip);
        using var unzipped = new GZipStream(gzip, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(unzipped);

        var channels = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            channels[c] = new float[SamplesPerChannel];
        }

        var row = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (row == SamplesPerChannel)
            {
                throw new InvalidDataException(
                    $"{name}: more than {SamplesPerChannel} rows.");
            }

            ParseRow(line, row, channels, name);
            row++;
        }

        if (row != SamplesPerChannel)
        {
            throw new InvalidDataException(
                $"{name}: {row} rows, expected {SamplesPerChannel}.");
        }

        return channels;
    }

    private static void ParseRow(string line, int row, float[][] channels, string name)
    {
        var rest = line.AsSpan();
        for (var c = 0; c < Channels; c++)
        {
            var tab = rest.IndexOf('\t');
            var last = c == Channels - 1;
            if (last == (tab >= 0))
            {
                throw new InvalidDataException(
                    $"{name}, line {row + 1}: expected {Channels} tab-separated values.");
            }

            var field = last ? rest : rest[..tab];
            if (!float.TryParse(
                field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException(
                    $"{name}, line {row + 1}, column {c + 1}: '{field}' is not a number.");
            }

            channels[c][row] = value;
            rest = last ? [] : rest[(tab + 1)..];
        }
    }
}
