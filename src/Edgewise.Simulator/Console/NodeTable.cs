using System.Globalization;
using Spectre.Console;

namespace Edgewise.Simulator.Console;

/// <summary>Renders per-node counters as a table, with a total row when there are several nodes.</summary>
internal static class NodeTable
{
    public static Table Render(IReadOnlyList<NodeProgress> nodes, IReadOnlyDictionary<Uri, int>? devices)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("node").NoWrap());
        if (devices is not null)
        {
            table.AddColumn(new TableColumn("devices").RightAligned());
        }

        foreach (var name in (string[])["sent", "acked", "dup", "rejected", "failed", "retries"])
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        table.AddColumn("last error");

        foreach (var node in nodes)
        {
            table.AddRow(Row(
                node.Node.ToString(),
                devices?.GetValueOrDefault(node.Node),
                node,
                node.LastError));
        }

        if (nodes.Count > 1)
        {
            var total = new NodeProgress(
                nodes[0].Node,
                nodes.Sum(node => node.Sent),
                nodes.Sum(node => node.Acknowledged),
                nodes.Sum(node => node.Duplicates),
                nodes.Sum(node => node.Rejected),
                nodes.Sum(node => node.Failed),
                nodes.Sum(node => node.Retries),
                null);
            table.AddRow(Row("total", devices?.Values.Sum(), total, null));
        }

        return table;
    }

    private static Text[] Row(string name, int? devices, NodeProgress counters, string? lastError)
    {
        var cells = new List<Text> { new(name) };
        if (devices is { } count)
        {
            cells.Add(new Text(Format(count)));
        }

        cells.Add(new Text(Format(counters.Sent)));
        cells.Add(new Text(Format(counters.Acknowledged)));
        cells.Add(new Text(Format(counters.Duplicates)));
        cells.Add(new Text(Format(counters.Rejected)));
        cells.Add(new Text(Format(counters.Failed)));
        cells.Add(new Text(Format(counters.Retries)));
        cells.Add(new Text(lastError ?? string.Empty));

        return [.. cells];
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
