using System.Globalization;
using Spectre.Console;

namespace Edgewise.Simulator.Console;

/// <summary>Prints a simulation's closing summary: a table per node and a line of totals.</summary>
public static class SummaryPrinter
{
    /// <summary>Writes <paramref name="summary"/> to <paramref name="console"/>.</summary>
    public static void Print(IAnsiConsole console, SimulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(summary);

        console.Write(NodeTable.Render(summary.Nodes, summary.DevicesPerNode));
        console.WriteLine(FormatTotals(summary));
    }

    /// <summary>The totals as one plain line.</summary>
    public static string FormatTotals(SimulationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Describe(summary.StopReason)} after {summary.Elapsed:hh\\:mm\\:ss}: dispatched {summary.Dispatched}, " +
            $"acked {summary.Acknowledged} ({summary.Acknowledgements.Count} distinct, " +
            $"{summary.Duplicates} duplicate), rejected {summary.Rejected}, failed {summary.Failed}, " +
            $"retries {summary.Retries}, {summary.ReadingsPerSecond:F0} readings/s");
    }

    private static string Describe(SimulationStopReason reason) => reason switch
    {
        SimulationStopReason.DataEnded => "Data ended",
        SimulationStopReason.DurationElapsed => "Duration elapsed",
        SimulationStopReason.Cancelled => "Cancelled",
        _ => reason.ToString(),
    };
}
