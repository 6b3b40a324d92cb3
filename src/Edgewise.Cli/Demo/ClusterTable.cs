using System.Globalization;
using Edgewise.Node.Api;
using Spectre.Console;

namespace Edgewise.Cli.Demo;

/// <summary>The demo's live view: one row per node, from the node's own GET /api/v1/stats.</summary>
internal static class ClusterTable
{
    public static Table Render(IReadOnlyList<NodeProcess> nodes, IReadOnlyList<StatsResponse?> stats, string caption)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Edgewise demo: where the work went[/]");
        table.AddColumn("node");
        table.AddColumn("capacity");
        foreach (var heading in new[] { "readings in", "tasks own", "done here", "sent to peers", "done for peers", "queue", "p50 ms", "p99 ms" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var spec = nodes[i].Spec;
            var capacity = $"{spec.Workers} worker{(spec.Workers == 1 ? "" : "s")}"
                + (spec.Speed < 1 ? $" × {spec.Speed.ToString(CultureInfo.InvariantCulture)} (emulated)" : string.Empty);
            if (stats[i] is not { } s)
            {
                table.AddRow(spec.Id, capacity, "[red]no answer[/]", "", "", "", "", "", "", "");
                continue;
            }

            var sent = string.Join(
                " ",
                s.SentToPeers.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}:{pair.Value.Tasks:N0}"));
            table.AddRow(
                spec.Id,
                capacity,
                s.ReadingsReceived.ToString("N0", CultureInfo.InvariantCulture),
                s.TasksCreated.ToString("N0", CultureInfo.InvariantCulture),
                s.TasksDoneHere.ToString("N0", CultureInfo.InvariantCulture),
                sent.Length == 0 ? "0" : sent,
                s.TasksDoneForPeers.ToString("N0", CultureInfo.InvariantCulture),
                s.QueueLength.ToString(CultureInfo.InvariantCulture),
                s.Latency.P50Ms.ToString("0.0", CultureInfo.InvariantCulture),
                s.Latency.P99Ms.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return table.Caption(Markup.Escape(caption));
    }

    public static string Line(NodeProcess node, StatsResponse? s) => s is null
        ? $"{node.Spec.Id}: no answer"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{node.Spec.Id}: in {s.ReadingsReceived:N0} readings, {s.TasksCreated:N0} tasks; done here {s.TasksDoneHere:N0}; "
            + $"sent {string.Join(" ", s.SentToPeers.Select(pair => $"{pair.Key}:{pair.Value.Tasks:N0}"))}; "
            + $"for peers {s.TasksDoneForPeers:N0}; queue {s.QueueLength}; p99 {s.Latency.P99Ms:0.0} ms");
}
