using System.Text.Json;

namespace Edgewise.Lab.Calibration;

/// <summary>
/// Measured costs of the real processing code (TaskComputation for scalar batches, the
/// VibrationAnalyzer for windows) and the wire sizes of tasks, with the command and machine
/// that produced them. The simulator draws task costs from it.
/// </summary>
public sealed record CostCalibration
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The command that produced the file.</summary>
    public string Command { get; init; } = "";

    /// <summary>When it was measured (UTC).</summary>
    public DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The machine and runtime it was measured on.</summary>
    public string Machine { get; init; } = "";

    /// <summary>Scalar batch costs by readings per batch, ascending.</summary>
    public List<CostPoint> Scalar { get; init; } = [];

    /// <summary>Vibration window costs by samples per window, ascending.</summary>
    public List<CostPoint> Vibration { get; init; } = [];

    /// <summary>Bytes a scalar reading adds to a task on the wire between nodes (JSON).</summary>
    public double BytesPerScalarReading { get; init; } = 120;

    /// <summary>Bytes a vibration sample adds to a task on the wire between nodes (JSON).</summary>
    public double BytesPerVibrationSample { get; init; } = 10;

    /// <summary>Bytes of a task's reply (outcome and load report).</summary>
    public double ReplyBytes { get; init; } = 400;

    /// <summary>Reads a calibration file.</summary>
    /// <exception cref="InvalidDataException">The file is not a calibration or lacks points.</exception>
    public static CostCalibration Load(string path)
    {
        CostCalibration? calibration;
        try
        {
            calibration = JsonSerializer.Deserialize<CostCalibration>(File.ReadAllText(path), _options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: line {(exception.LineNumber ?? 0) + 1}: {exception.Message}", exception);
        }

        if (calibration is null || calibration.Scalar.Count == 0 || calibration.Vibration.Count == 0)
        {
            throw new InvalidDataException($"{path}: a calibration needs at least one scalar and one vibration point.");
        }

        return calibration;
    }

    /// <summary>Writes the calibration as indented JSON.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, _options) + "\n");
    }

    /// <summary>Mean cost and coefficient of variation at <paramref name="size"/>, interpolated linearly between measured sizes (extrapolated in proportion beyond them).</summary>
    public static (double MeanMs, double Cv) At(IReadOnlyList<CostPoint> points, int size)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (size <= points[0].Size)
        {
            return (points[0].MeanMs * size / points[0].Size, points[0].Cv);
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (size <= points[i].Size)
            {
                var low = points[i - 1];
                var high = points[i];
                var t = (size - low.Size) / (double)(high.Size - low.Size);

                return (low.MeanMs + (t * (high.MeanMs - low.MeanMs)), low.Cv + (t * (high.Cv - low.Cv)));
            }
        }

        var last = points[^1];

        return (last.MeanMs * size / last.Size, last.Cv);
    }
}
