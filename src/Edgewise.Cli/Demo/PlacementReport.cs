using System.Globalization;
using Edgewise.Node.Api;
using Spectre.Console;

namespace Edgewise.Cli.Demo;

/// <summary>The demo's closing lines on placement: how each node's placements were made, how the model's predictions held up, and where the traces are.</summary>
internal static class PlacementReport
{
    public static void Print(IAnsiConsole console, IReadOnlyList<NodeProcess> nodes, IReadOnlyList<StatsResponse?> stats)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (stats[i] is not { } s)
            {
                continue;
            }

            var d = s.Placement.Decisions;
            var p = s.Placement.Predictions;
            var prediction = p.Tasks == 0
                ? string.Empty
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"; predicted {p.MeanPredictedMs:0.##} ms vs observed {p.MeanObservedMs:0.##} ms, MAE {p.MeanAbsoluteErrorMs:0.##} ms over the last {p.Tasks} tasks");
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"{nodes[i].Spec.Id} placements: {d.Learned} learned, {d.Fallback} fallback "
                    + $"(no model {d.FallbackNoModel}, model failed {d.FallbackModelFailed}, stale {d.FallbackStaleInputs}), "
                    + $"{d.Explored} explored{prediction}; {s.Placement.Traces.Written} traces in {s.Placement.Traces.Directory ?? "(off)"}")));
        }
    }
}
