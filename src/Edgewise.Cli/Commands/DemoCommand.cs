using System.CommandLine;
using System.Globalization;
using Edgewise.Cli.Demo;
using Edgewise.Node.Hosting;
using Spectre.Console;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise demo</c>, the main job: three nodes on loopback with unequal (emulated) capacity,
/// the real data sets replayed with most devices on the slowest node, a live table of where the
/// work went, and at the end an audit of the nodes' own stores proving that every acknowledged
/// reading was processed exactly once. Exit code 1 when the audit fails.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var policy = new Option<string>("--policy")
        {
            Description = "Placement policy of every node",
            DefaultValueFactory = _ => "shortest-expected-delay",
        };
        var directory = new Option<string>("--dir")
        {
            Description = "Folder for the nodes' stores and logs (default ./.edgewise/demo; emptied first)",
            DefaultValueFactory = _ => Path.Combine(".edgewise", "demo"),
        };
        var exploration = new Option<double?>("--exploration")
        {
            Description = "Share of tasks each node places on a random candidate, in [0, 1], so traces cover other choices (default 0)",
        };
        var model = new Option<string>("--model")
        {
            Description = "Model of the learned policy, .zip (ML.NET) or .onnx (default: the shipped models/default/model.zip)",
        };
        var replay = new ReplayOptions();
        replay.Defaults(duration: 60, skew: 0.8, speedUp: 600, vibrationInterval: 10);

        var command = new Command("demo", "Run a three-node cluster on this machine, replay real sensor data, and show where the work went")
        {
            policy, directory, exploration, model,
        };
        replay.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(directory)!);
            var ports = LoopbackPorts.Reserve(6);
            NodeSpec[] cluster =
            [
                new("node-a", Url(ports[0]), Url(ports[3]), Path.Combine(root, "node-a"), Workers: 1, Speed: 0.25),
                new("node-b", Url(ports[1]), Url(ports[4]), Path.Combine(root, "node-b"), Workers: 2, Speed: 1),
                new("node-c", Url(ports[2]), Url(ports[5]), Path.Combine(root, "node-c"), Workers: 2, Speed: 1),
            ];

            try
            {
                var simulation = replay.Read(parse, [.. cluster.Select(node => node.Url)]);
                simulation.Validate();

                var nodeArguments = new List<string>();
                if (parse.GetValue(exploration) is { } rate)
                {
                    nodeArguments.AddRange(["--exploration", rate.ToString(CultureInfo.InvariantCulture)]);
                }

                if (parse.GetValue(model) is { Length: > 0 } path)
                {
                    nodeArguments.AddRange(["--model", Path.GetFullPath(path)]);
                }

                return await new DemoRun(cluster, parse.GetValue(policy)!, nodeArguments, simulation, root)
                    .RunAsync(AnsiConsole.Console, cancellationToken);
            }
            catch (ArgumentException exception)
            {
                await Console.Error.WriteLineAsync($"edgewise demo: {exception.Message}");

                return 2;
            }
        });

        return command;
    }

    private static Uri Url(int port) => new($"http://127.0.0.1:{port}/");
}
