using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Lab.Calibration;

/// <summary>
/// Measures the real processing code: <see cref="TaskComputation.Compute(WorkTask, KindCatalogue, ProcessingOptions, string)"/>
/// on scalar batches of temperature readings and on vibration windows, one thread, after a
/// warm-up, each run timed alone; and the JSON wire size of tasks and replies between nodes.
/// </summary>
public static class CostMeasurer
{
    /// <summary>Scalar batch sizes measured by default.</summary>
    public static IReadOnlyList<int> ScalarSizes { get; } = [1, 8, 32, 128, 256];

    /// <summary>Vibration window sizes measured by default.</summary>
    public static IReadOnlyList<int> VibrationSizes { get; } = [1024, 4096, 16384];

    /// <summary>Measures every size with <paramref name="runs"/> timed runs each.</summary>
    public static CostCalibration Measure(string command, int runs)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 10);

        var catalogue = new KindCatalogue([]);
        var options = new ProcessingOptions();
        var random = new Random(1);

        var scalar = ScalarSizes.Select(size => Time(ScalarTask(size, random), catalogue, options, runs)).ToList();
        var vibration = VibrationSizes.Select(size => Time(VibrationTask(size, random), catalogue, options, runs)).ToList();

        var batch = ScalarTask(256, random);
        var window = VibrationTask(16384, random);
        var empty = ScalarTask(1, random) with { Readings = [] };
        var emptyBytes = WireBytes(empty);
        var outcome = TaskComputation.Compute(ScalarTask(32, random), catalogue, options, "node-a");
        var reply = new TaskReply(outcome, new LoadReport("node-a", 3, 2, 2, 1.25, DateTimeOffset.UnixEpoch));

        return new CostCalibration
        {
            Command = command,
            MeasuredAt = DateTimeOffset.UtcNow,
            Machine = $"{Processor()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}",
            Scalar = scalar,
            Vibration = vibration,
            BytesPerScalarReading = Math.Round((WireBytes(batch) - emptyBytes) / 256.0, 1),
            BytesPerVibrationSample = Math.Round((WireBytes(window) - emptyBytes) / 16384.0, 2),
            ReplyBytes = JsonSerializer.SerializeToUtf8Bytes(reply, WireJsonContext.Default.TaskReply).Length,
        };
    }

    private static CostPoint Time(WorkTask task, KindCatalogue catalogue, ProcessingOptions options, int runs)
    {
        for (var i = 0; i < Math.Max(20, runs / 10); i++)
        {
            _ = TaskComputation.Compute(task, catalogue, options, "node-a");
        }

        var costs = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = TaskComputation.Compute(task, catalogue, options, "node-a");
            costs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(costs);
        var mean = costs.Average();
        var deviation = Math.Sqrt(costs.Sum(cost => (cost - mean) * (cost - mean)) / (runs - 1));

        return new CostPoint(
            task.Placement.Size,
            Math.Round(mean, 5),
            Math.Round(costs[runs / 2], 5),
            Math.Round(costs[(int)(runs * 0.99)], 5),
            Math.Round(deviation / mean, 3),
            runs);
    }

    private static WorkTask ScalarTask(int size, Random random)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var readings = new Reading[size];
        for (var i = 0; i < size; i++)
        {
            readings[i] = new Reading("device-1", "temperature", 20 + (random.NextDouble() * 5), "C", start.AddSeconds(i), i, ReadingStatus.Active);
        }

        var baseline = new RunningStatistics(0, 0, 0);
        for (var i = 0; i < 100; i++)
        {
            baseline = baseline.Add(20 + (random.NextDouble() * 5));
        }

        return new WorkTask("task-1", "node-a", "device-1", TaskKind.Scalar, readings, [new KindBaseline("temperature", baseline)], start);
    }

    private static WorkTask VibrationTask(int size, Random random)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var samples = new float[size];
        for (var i = 0; i < size; i++)
        {
            samples[i] = (float)(Math.Sin(i * 0.07) + (0.1 * (random.NextDouble() - 0.5)));
        }

        var reading = new Reading("rig-1", KindCatalogue.VibrationKind, null, "g", start, 1, ReadingStatus.Active)
        {
            Samples = samples,
            SampleRate = 20_480,
            Channel = "x",
        };

        return new WorkTask("task-1", "node-a", "rig-1", TaskKind.Vibration, [reading], [], start);
    }

    private static double WireBytes(WorkTask task) =>
        JsonSerializer.SerializeToUtf8Bytes(task, WireJsonContext.Default.WorkTask).Length;

    private static string Processor()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));

            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
