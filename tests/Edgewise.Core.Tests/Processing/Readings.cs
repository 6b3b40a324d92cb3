using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Core.Tests.Processing;

/// <summary>Builds readings and tasks for processing tests.</summary>
internal static class Readings
{
    public static DateTimeOffset Start { get; } = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static KindCatalogue Catalogue { get; } = new(KindCatalogue.Defaults);

    public static Reading Temperature(
        double? value,
        long sequence,
        string deviceId = "T_1",
        DateTimeOffset? at = null) =>
        new(
            deviceId,
            "temperature",
            value,
            "°C",
            at ?? Start.AddSeconds(sequence),
            sequence,
            value is null ? ReadingStatus.Inactive : ReadingStatus.Active);

    public static WorkTask Task(
        IReadOnlyList<Reading> readings,
        IReadOnlyList<KindBaseline>? baselines = null,
        string taskId = "task-1") =>
        new(
            taskId,
            "node-a",
            readings.Count > 0 ? readings[0].DeviceId : "T_1",
            TaskKind.Scalar,
            readings,
            baselines ?? [],
            Start);

    public static Reading Vibration(float[] samples, long sequence, string? channel = "ch1") =>
        new("rig-1", "vibration", null, "g", Start.AddSeconds(sequence), sequence, ReadingStatus.Active)
        {
            Samples = samples,
            SampleRate = 20_480,
            Channel = channel,
        };

    public static WorkTask VibrationTask(IReadOnlyList<Reading> readings, string taskId = "task-v") =>
        new(taskId, "node-a", "rig-1", TaskKind.Vibration, readings, [], Start);

    public static RunningStatistics Statistics(IEnumerable<double> values) =>
        values.Aggregate(default(RunningStatistics), (stats, value) => stats.Add(value));

    public static ReadingOutcome Plain(Reading reading) =>
        new(reading.Sequence, reading.Kind, false, null, false);
}
