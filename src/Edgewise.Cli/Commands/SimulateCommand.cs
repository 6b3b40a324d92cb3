using System.CommandLine;
using Edgewise.Simulator;
using Edgewise.Simulator.Console;
using Spectre.Console;

namespace Edgewise.Cli.Commands;

/// <summary><c>edgewise simulate</c>: replays real data sets and synthetic devices against running nodes.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var targets = new Option<string[]>("--targets")
        {
            Description = "Where devices send, comma-separated or repeated: node base URLs (http://host:port), or MQTT brokers with a topic prefix (mqtt://host:port/edgewise)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var options = new ReplayOptions();
        var command = new Command("simulate", "Replay sensor data sets as devices sending to edge nodes") { targets };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            SimulationOptions simulation;
            try
            {
                simulation = options.Read(parse, ReplayOptions.SplitUrls(parse.GetValue(targets)));
                simulation.Validate();
            }
            catch (ArgumentException exception)
            {
                await Console.Error.WriteLineAsync($"edgewise simulate: {exception.Message}");

                return 2;
            }

            var display = new ProgressDisplay(AnsiConsole.Console);
            var summary = await display.RunAsync(progress => new Simulation().RunAsync(simulation, progress, cancellationToken));
            SummaryPrinter.Print(AnsiConsole.Console, summary);

            return summary.AllAcknowledged ? 0 : 1;
        });

        return command;
    }
}
