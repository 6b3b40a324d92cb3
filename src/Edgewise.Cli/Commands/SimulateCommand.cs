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
        var apiKey = new Option<string>("--api-key")
        {
            Description = "API key the devices send (from `edgewise keys create`); default: the EDGEWISE_API_KEY variable. "
                + "Without one, only nodes in open mode accept the readings",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EDGEWISE_API_KEY") ?? string.Empty,
        };
        var options = new ReplayOptions();
        var command = new Command("simulate", "Replay sensor data sets as devices sending to edge nodes") { targets, apiKey };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            SimulationOptions simulation;
            try
            {
                simulation = options.Read(parse, ReplayOptions.SplitUrls(parse.GetValue(targets))) with
                {
                    ApiKey = parse.GetValue(apiKey) is { Length: > 0 } key ? key : null,
                };
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
