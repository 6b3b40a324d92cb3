using Edgewise.Simulator.Console;
using Edgewise.Simulator.Sending;
using Spectre.Console;

namespace Edgewise.Simulator.Tests.Console;

public sealed class SummaryPrinterTests
{
    private static readonly Uri _node = new("http://127.0.0.1:5101");

    [Fact]
    public void Print_Summary_WritesEachNodeAndTheTotals()
    {
        using var output = new StringWriter();
        var console = PlainConsole(output);
        var summary = new SimulationSummary(
            TimeSpan.FromSeconds(65),
            SimulationStopReason.DurationElapsed,
            12,
            [new NodeProgress(_node, 12, 10, 1, 1, 1, 3, "HTTP 503")],
            new Dictionary<Uri, int> { [_node] = 4 },
            new AcknowledgementLog());

        SummaryPrinter.Print(console, summary);

        var text = output.ToString();
        Assert.Contains("127.0.0.1:5101", text, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", text, StringComparison.Ordinal);
        Assert.Contains("Duration elapsed after 00:01:05", text, StringComparison.Ordinal);
        Assert.Contains("failed 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgressDisplay_RedirectedOutput_WritesPlainLines()
    {
        using var output = new StringWriter();
        var display = new ProgressDisplay(PlainConsole(output));
        var snapshot = new SimulationProgress(
            TimeSpan.FromSeconds(3),
            [new NodeProgress(_node, 7, 6, 0, 0, 1, 2, null)],
            2.5);

        var result = await display.RunAsync(progress =>
        {
            progress.Report(snapshot);
            return Task.FromResult(42);
        });

        Assert.False(display.IsLive);
        Assert.Equal(42, result);
        Assert.Contains(
            "[00:00:03] sent 7 acked 6 dup 0 rejected 0 failed 1 retries 2",
            output.ToString(),
            StringComparison.Ordinal);
    }

    private static IAnsiConsole PlainConsole(StringWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;

        return console;
    }
}
