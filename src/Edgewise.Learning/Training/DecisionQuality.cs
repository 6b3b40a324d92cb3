using System.Globalization;
using Edgewise.Learning.Models;
using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Learning.Training;

/// <summary>
/// Decision quality on held-out traces (see <see cref="ModelMetrics"/>): in each group of
/// placements made together that reached two or more candidates, does the smallest prediction
/// name the candidate whose task came back soonest, and how much slower is its choice if not.
/// Shortest-expected-delay is scored on the same groups for comparison.
/// </summary>
internal static class DecisionQuality
{
    public static string GroupKey(TaskTrace trace, TimeSpan window)
    {
        var bucket = trace.PlacedAt.ToUnixTimeMilliseconds() / (long)Math.Max(1, window.TotalMilliseconds);

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{trace.HomeNodeId}|{(int)trace.Features.Kind}|{bucket:D16}");
    }

    public static Result Evaluate(IReadOnlyList<TaskTrace> traces, ILatencyModel model, TimeSpan window)
    {
        var groups = 0;
        var modelRight = 0;
        var heuristicRight = 0;
        var modelRegret = 0.0;
        var heuristicRegret = 0.0;
        var features = new float[PlacementFeatures.Count];
        var predicted = new float[1];
        foreach (var group in traces.GroupBy(trace => GroupKey(trace, window), StringComparer.Ordinal))
        {
            // One trace per candidate: the first placed on it in the group.
            var candidates = group
                .OrderBy(trace => trace.PlacedAt)
                .GroupBy(trace => trace.ChosenNodeId, StringComparer.Ordinal)
                .Select(byNode => byNode.First())
                .ToList();
            if (candidates.Count < 2)
            {
                continue;
            }

            groups++;
            var fastest = candidates.Min(trace => trace.LatencyMs);
            var modelPick = ArgMin(candidates, trace =>
            {
                trace.Features.CopyTo(features);
                model.Predict(features, predicted);

                return predicted[0];
            });
            var heuristicPick = ArgMin(candidates, trace => ShortestExpectedDelayPolicy.ExpectedDelayMs(Candidate(trace.Features)));

            modelRegret += modelPick.LatencyMs - fastest;
            heuristicRegret += heuristicPick.LatencyMs - fastest;
            modelRight += modelPick.LatencyMs <= fastest ? 1 : 0;
            heuristicRight += heuristicPick.LatencyMs <= fastest ? 1 : 0;
        }

        return groups == 0
            ? new Result(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Result(
                groups,
                modelRight / (double)groups,
                modelRegret / groups,
                heuristicRight / (double)groups,
                heuristicRegret / groups);
    }

    /// <summary>The candidate a trace's features describe, as a policy would have seen it.</summary>
    public static PlacementCandidate Candidate(PlacementFeatures features) => new(
        features.IsSelf ? "self" : "peer",
        features.IsSelf,
        new LoadView(
            features.QueueLength,
            features.InFlight,
            features.Workers,
            features.ServiceTimeMs,
            TimeSpan.FromMilliseconds(features.ViewAgeMs)),
        TimeSpan.FromMilliseconds(features.LinkRoundTripMs));

    private static TaskTrace ArgMin(List<TaskTrace> candidates, Func<TaskTrace, double> score)
    {
        var best = candidates[0];
        var bestScore = score(best);
        for (var i = 1; i < candidates.Count; i++)
        {
            var value = score(candidates[i]);
            if (value < bestScore)
            {
                best = candidates[i];
                bestScore = value;
            }
        }

        return best;
    }

    public readonly record struct Result(
        int Groups,
        double ModelAccuracy,
        double ModelRegretMs,
        double HeuristicAccuracy,
        double HeuristicRegretMs);
}
