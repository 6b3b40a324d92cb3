using System.Globalization;
using System.Text;
using Edgewise.Lab.Engine;

namespace Edgewise.Lab.Reports;

/// <summary>Writes a comparison as Markdown: one table of latency and outcomes per policy, one of per-node utilisation, and the charts.</summary>
public static class ReportWriter
{
    private const int MaxNodeColumns = 12;

    /// <summary>
    /// Writes the section for one scenario and its charts (<c>{scenario}-{label}-cdf.png</c>,
    /// <c>{scenario}-{label}-queues-{policy}.png</c>) into <paramref name="folder"/>; returns the Markdown.
    /// </summary>
    public static string WriteSection(ComparisonResult comparison, string label, string folder)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(folder);

        var scenario = comparison.Scenario;
        var prefix = $"{scenario.Name}-{label}";
        var cdf = $"{prefix}-cdf.png";
        ChartWriter.LatencyCdf(comparison.Results, $"{scenario.Name} ({label}): latency CDF", Path.Combine(folder, cdf));

        var md = new StringBuilder();
        var nodes = comparison.Results.Count > 0 ? comparison.Results[0].Nodes : [];
        md.AppendLine(CultureInfo.InvariantCulture, $"### {scenario.Name} ({label})");
        md.AppendLine();
        if (!string.IsNullOrWhiteSpace(scenario.Description))
        {
            md.AppendLine(scenario.Description);
            md.AppendLine();
        }

        md.AppendLine(
            CultureInfo.InvariantCulture,
            $"Seed {scenario.Seed}, {scenario.Tasks:N0} tasks, {nodes.Count} nodes, arrivals {scenario.Arrivals.Process}, "
                + $"offered load {comparison.OfferedUtilisation:P0} of capacity, mean task cost {comparison.MeanCostMs:0.###} ms at speed 1, "
                + $"load reports every {scenario.LoadReportIntervalMs:0.#} ms. Latency from placement to result back at the home node, in ms.");
        md.AppendLine();
        md.AppendLine("| policy | completed | failed / dropped | retried | mean | p50 | p95 | p99 | p99.9 | offload | run time | tasks/s (wall) |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in comparison.Results)
        {
            var failed = r.FailedTotal == 0
                ? "0"
                : string.Join("; ", r.Failed.Select(pair => $"{pair.Value:N0} {pair.Key}"));
            var rate = r.WallSeconds > 0 ? (r.Arrived / r.WallSeconds).ToString("N0", CultureInfo.InvariantCulture) : "–";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Policy} | {r.Completed:N0} | {failed} | {r.Retried:N0} | {r.MeanMs:0.###} | {r.P50Ms:0.###} "
                    + $"| {r.P95Ms:0.###} | {r.P99Ms:0.###} | {r.P999Ms:0.###} | {r.OffloadRatio:P1} "
                    + $"| {r.WallSeconds:0.00} s | {rate} |");
        }

        foreach (var name in comparison.Unavailable)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | not available in this build | | | | | | | | | | |");
        }

        md.AppendLine();
        AppendUtilisation(md, comparison.Results, nodes);
        md.AppendLine(CultureInfo.InvariantCulture, $"![latency CDF, {scenario.Name} {label}]({cdf})");
        md.AppendLine();
        foreach (var r in comparison.Results)
        {
            var queues = $"{prefix}-queues-{r.Policy}.png";
            ChartWriter.Queues(r, $"{scenario.Name} ({label}), {r.Policy}: tasks waiting per node", Path.Combine(folder, queues));
            md.AppendLine(CultureInfo.InvariantCulture, $"<img src=\"{queues}\" width=\"32%\" alt=\"queues, {r.Policy}\">");
        }

        md.AppendLine();

        return md.ToString();
    }

    private static void AppendUtilisation(StringBuilder md, IReadOnlyList<SimulationResult> results, IReadOnlyList<NodeResult> nodes)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        if (nodes.Count <= MaxNodeColumns)
        {
            md.AppendLine("Per-node utilisation (busy worker time over worker time while up; workers × speed in the header):");
            md.AppendLine();
            md.AppendLine("| policy | " + string.Join(" | ", nodes.Select(node => $"{node.Id} ({node.Workers}×{node.Speed:0.##})")) + " |");
            md.AppendLine("|---|" + string.Concat(nodes.Select(_ => "---:|")));
            foreach (var r in results)
            {
                var utilisations = r.Nodes.Select(node => node.Utilisation.ToString("P0", CultureInfo.InvariantCulture));
                md.AppendLine($"| {r.Policy} | " + string.Join(" | ", utilisations) + " |");
            }
        }
        else
        {
            md.AppendLine("Per-node utilisation across the nodes (busy worker time over worker time while up):");
            md.AppendLine();
            md.AppendLine("| policy | min | mean | max | busiest node |");
            md.AppendLine("|---|---:|---:|---:|---|");
            foreach (var r in results)
            {
                var busiest = r.Nodes.MaxBy(node => node.Utilisation)!;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Policy} | {r.Nodes.Min(node => node.Utilisation):P0} "
                        + $"| {r.Nodes.Average(node => node.Utilisation):P0} "
                        + $"| {r.Nodes.Max(node => node.Utilisation):P0} | {busiest.Id} |");
            }
        }

        md.AppendLine();
    }
}
