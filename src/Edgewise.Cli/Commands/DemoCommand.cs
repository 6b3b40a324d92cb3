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
        var mqtt = new Option<bool>("--mqtt")
        {
            Description = "Devices publish over MQTT to a broker the demo runs in-process, instead of posting over HTTP",
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
            policy, directory, mqtt, exploration, model,
        };
        replay.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = Path.GetFullPath(parse.GetValue(directory)!);
            var ports = LoopbackPorts.Reserve(7);
            NodeSpec[] cluster =
            [
                new("node-a", Url(ports[0]), ClusterUrl(ports[3]), Path.Combine(root, "node-a"), Workers: 1, Speed: 0.25),
                new("node-b", Url(ports[1]), ClusterUrl(ports[4]), Path.Combine(root, "node-b"), Workers: 2, Speed: 1),
                new("node-c", Url(ports[2]), ClusterUrl(ports[5]), Path.Combine(root, "node-c"), Workers: 2, Speed: 1),
            ];

            try
            {
                await using var broker = parse.GetValue(mqtt) ? await EmbeddedBroker.StartAsync(ports[6]) : null;
                var targets = broker is null
                    ? cluster.Select(node => node.Url)
                    : cluster.Select(node => broker.TargetFor(node.Id));
                var simulation = replay.Read(parse, [.. targets]);
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

                return await new DemoRun(cluster, parse.GetValue(policy)!, nodeArguments, simulation, root, broker)
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

    /// <summary>Peers call each other over mutual TLS, with the certificates the demo makes.</summary>
    private static Uri ClusterUrl(int port) => new($"https://127.0.0.1:{port}/");
}
