using System.Globalization;
using Edgewise.Lab.Engine;
using ScottPlot;

namespace Edgewise.Lab.Reports;

/// <summary>PNG charts of a comparison, drawn with ScottPlot.</summary>
public static class ChartWriter
{
    private const int MaxQueueLines = 10;

    /// <summary>
    /// Latency CDF of every policy on one chart: latency on a log axis, the share of tasks on a
    /// "nines" axis (90 %, 99 %, 99.9 %) so the tails the report compares are visible.
    /// </summary>
    public static void LatencyCdf(IEnumerable<SimulationResult> results, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(results);

        var plot = new Plot();
        var lowest = double.PositiveInfinity;
        var highest = double.NegativeInfinity;
        foreach (var result in results)
        {
            var points = result.Distribution.Where(point => point.LatencyMs > 0).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var xs = points.Select(point => Math.Log10(point.LatencyMs)).ToArray();
            var ys = points.Select(point => Nines(point.Quantile)).ToArray();
            lowest = Math.Min(lowest, xs.Min());
            highest = Math.Max(highest, xs.Max());
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = result.Policy;
            line.LineWidth = 2;
        }

        if (double.IsFinite(lowest))
        {
            var decades = Enumerable.Range((int)Math.Floor(lowest), (int)Math.Ceiling(highest) - (int)Math.Floor(lowest) + 1)
                .Select(decade => (double)decade)
                .ToArray();
            plot.Axes.Bottom.SetTicks(decades, [.. decades.Select(decade => Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture))]);
        }

        plot.Axes.Left.SetTicks([0, 1, 2, 3, 4], ["0 %", "90 %", "99 %", "99.9 %", "99.99 %"]);
        plot.Title(title);
        plot.XLabel("latency (ms, log scale)");
        plot.YLabel("tasks done within (nines scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Tasks waiting on each node over time for one policy (the busiest ten nodes when there are more).</summary>
    public static void Queues(SimulationResult result, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Queues is not { } series)
        {
            return;
        }

        var plot = new Plot();
        var times = series.TimesMs.Select(ms => ms / 1000).ToArray();
        var shown = Enumerable.Range(0, series.Queues.Count)
            .OrderByDescending(i => result.Nodes[i].MeanQueue)
            .ThenBy(i => i)
            .Take(MaxQueueLines)
            .OrderBy(i => i);
        foreach (var i in shown)
        {
            var line = plot.Add.ScatterLine(times, series.Queues[i].ToArray());
            line.LegendText = result.Nodes[i].Id;
        }

        plot.Title(series.Queues.Count > MaxQueueLines ? $"{title} (the {MaxQueueLines} busiest nodes)" : title);
        plot.XLabel("time (s)");
        plot.YLabel("tasks waiting");
        plot.ShowLegend(Alignment.UpperRight);
        Save(plot, path);
    }

    private static double Nines(double quantile) => -Math.Log10(Math.Max(1e-6, 1 - quantile));

    private static void Save(Plot plot, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, 900, 560);
    }
}
