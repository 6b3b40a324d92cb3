using System.Globalization;
using System.IO.Compression;

namespace Edgewise.Lab.Arrivals;

/// <summary>
/// Replays the gaps between real arrival timestamps, in file order and looping at the end. Gaps
/// longer than a cap (days of silence in a field log) are cut to it, then every gap is scaled so
/// the mean rate is the scenario's. Same-millisecond arrivals stay simultaneous.
/// </summary>
internal sealed class ReplayArrivals : IArrivalProcess
{
    private readonly double[] _gapsMs;
    private int _next;

    public ReplayArrivals(double[] rawGapsMs, double meanGapMs, double maxGapMs)
    {
        if (rawGapsMs.Length == 0)
        {
            throw new ArgumentException("A replay needs at least two arrival timestamps.", nameof(rawGapsMs));
        }

        var clipped = rawGapsMs.Select(gap => Math.Min(gap, maxGapMs)).ToArray();
        var mean = clipped.Average();
        var scale = mean > 0 ? meanGapMs / mean : 0;
        _gapsMs = [.. clipped.Select(gap => gap * scale)];
    }

    public double NextGapMs(Random random, double nowMs)
    {
        var gap = _gapsMs[_next];
        _next = (_next + 1) % _gapsMs.Length;

        return gap;
    }

    /// <summary>Reads the gaps between consecutive rows' <c>ts_ms</c> values of a gzip CSV, in file order.</summary>
    /// <exception cref="InvalidDataException">The file has no ts_ms column or a value is not a number (the message names the line).</exception>
    public static double[] ReadGaps(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var header = reader.ReadLine()?.Split(',') ?? [];
        var column = Array.IndexOf(header, "ts_ms");
        if (column < 0)
        {
            throw new InvalidDataException($"{path}: the header has no ts_ms column.");
        }

        var gaps = new List<double>();
        double? previous = null;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length <= column || !double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var ts))
            {
                throw new InvalidDataException($"{path}: line {lineNumber}: ts_ms is not a number.");
            }

            if (previous is { } last)
            {
                gaps.Add(Math.Max(0, ts - last));
            }

            previous = ts;
        }

        return [.. gaps];
    }
}
