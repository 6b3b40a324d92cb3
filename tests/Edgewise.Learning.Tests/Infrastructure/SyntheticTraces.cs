using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Learning.Tests.Infrastructure;

/// <summary>
/// Traces whose latency follows a known function of the features: the link round trip plus an
/// M/M/c-like wait and the service time, with a little noise. Each decision sends a task to all
/// three candidates at once, as full exploration would, so every group has a true fastest.
/// </summary>
internal static class SyntheticTraces
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static double TrueLatencyMs(PlacementFeatures features)
    {
        var workers = Math.Max(1, features.Workers);
        var waiting = Math.Max(0, features.QueueLength + features.InFlight + 1 - workers);

        return features.LinkRoundTripMs + (features.ServiceTimeMs * (1 + (waiting / (double)workers)));
    }

    public static PlacementFeatures[] Candidates(Random random)
    {
        var kind = random.Next(2) == 0 ? TaskKind.Scalar : TaskKind.Vibration;
        var size = kind == TaskKind.Scalar ? random.Next(1, 256) : 2048;

        return [.. Enumerable.Range(0, 3).Select(i => new PlacementFeatures(
            kind,
            size,
            random.Next(0, 12),
            random.Next(0, 3),
            random.Next(1, 5),
            Math.Round(1 + (random.NextDouble() * 19), 2),
            i == 0 ? 0 : Math.Round(random.NextDouble() * 500, 1),
            i == 0 ? 0 : Math.Round(0.3 + (random.NextDouble() * 3), 2),
            i == 0))];
    }

    public static List<TaskTrace> Generate(int decisions, int seed)
    {
        var random = new Random(seed);
        var traces = new List<TaskTrace>(decisions * 3);
        for (var d = 0; d < decisions; d++)
        {
            var placedAt = Start.AddMilliseconds(d * 1000);
            var candidates = Candidates(random);
            for (var i = 0; i < candidates.Length; i++)
            {
                var noise = (random.NextDouble() - 0.5) * 0.2;
                traces.Add(new TaskTrace(
                    $"t{d}-{i}",
                    placedAt,
                    "node-a",
                    i == 0 ? "node-a" : $"node-{(char)('a' + i)}",
                    "random",
                    true,
                    3,
                    candidates[i],
                    Math.Max(0, TrueLatencyMs(candidates[i]) + noise)));
            }
        }

        return traces;
    }

    public static PlacementCandidate[] AsCandidates(PlacementFeatures[] features) =>
        [.. features.Select((f, i) => new PlacementCandidate(
            i == 0 ? "node-a" : $"node-{(char)('a' + i)}",
            f.IsSelf,
            new LoadView(f.QueueLength, f.InFlight, f.Workers, f.ServiceTimeMs, TimeSpan.FromMilliseconds(f.ViewAgeMs)),
            TimeSpan.FromMilliseconds(f.LinkRoundTripMs)))];

    public static TaskTrace Trace(int index, double latencyMs = 5) => new(
        $"task-{index}",
        Start.AddMilliseconds(index),
        "node-a",
        index % 2 == 0 ? "node-a" : "node-b",
        "shortest-expected-delay",
        index % 7 == 0,
        3,
        new PlacementFeatures(TaskKind.Vibration, 2048, index % 5, 1, 2, 12.5, index % 2 == 0 ? 0 : 120, index % 2 == 0 ? 0 : 0.8, index % 2 == 0),
        latencyMs);
}
