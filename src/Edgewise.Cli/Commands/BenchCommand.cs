using System.CommandLine;
using System.Globalization;
using System.Text;
using Edgewise.Cli.Lab;
using Edgewise.Lab.Engine;
using Edgewise.Lab.Reports;
using Edgewise.Lab.Scenarios;
using Edgewise.Placement;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise bench</c>: the live benchmark. Runs each policy on real nodes on loopback with the
/// scenario's capacities and load, scaled to what this machine carries, then the same scaled
/// scenario in the simulator, and writes both into one report so they sit side by side.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "Scenario files (or names of files in ./scenarios), comma-separated or repeated",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var policies = SimCommand.PoliciesOption();
        policies.DefaultValueFactory = _ => [.. PlacementPolicies.Names, LabPolicies.Learned];
        var assemblies = SimCommand.AssembliesOption();
        var duration = new Option<double>("--duration") { Description = "Seconds of load per policy", DefaultValueFactory = _ => 20 };
        var rate = new Option<double>("--rate") { Description = "Tasks per second offered to the whole cluster", DefaultValueFactory = _ => 100 };
        var nodes = new Option<int>("--nodes") { Description = "The scenario's first N nodes are started", DefaultValueFactory = _ => 3 };
        var directory = new Option<string>("--dir")
        {
            Description = "Folder for the nodes' stores and logs (default ./.edgewise/bench)",
            DefaultValueFactory = _ => Path.Combine(".edgewise", "bench"),
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for report.md and the charts",
            DefaultValueFactory = _ => Path.Combine(".edgewise", "bench", "report"),
        };

        var command = new Command(
            "bench",
            "Run policies on real nodes on loopback with a scenario's capacities and load, beside the simulator's result")
        {
            scenarios, policies, assemblies, duration, rate, nodes, directory, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var names = SimCommand.SplitList(parse.GetValue(policies));
                var policyAssemblies = SimCommand.SplitList(parse.GetValue(assemblies));
                var catalog = LabHost.Catalog(policyAssemblies);
                var settings = new BenchSettings(
                    names,
                    policyAssemblies,
                    TimeSpan.FromSeconds(Positive(parse.GetValue(duration), "--duration")),
                    Positive(parse.GetValue(rate), "--rate"),
                    (int)Positive(parse.GetValue(nodes), "--nodes"),
                    parse.GetValue(directory)!);
                var outFolder = parse.GetValue(output)!;
                var report = new StringBuilder()
                    .AppendLine("# Placement lab: live benchmark beside the simulator")
                    .AppendLine()
                    .AppendLine(CultureInfo.InvariantCulture, $"Command: `edgewise {string.Join(' ', parse.Tokens.Select(token => token.Value))}`")
                    .AppendLine()
                    .Append(CultureInfo.InvariantCulture, $"Live: {settings.MaxNodes} `edgewise node` processes on loopback ")
                    .Append(CultureInfo.InvariantCulture, $"on this machine ({Environment.ProcessorCount} cores), ")
                    .Append(CultureInfo.InvariantCulture, $"{settings.RatePerSecond:0.#} tasks/s for {settings.Duration.TotalSeconds:0} s per policy: ")
                    .Append("the scenario scaled to what the machine carries. ")
                    .Append("Slower nodes are emulated (a worker holds a task for its compute time over the speed). ")
                    .Append("Latency from task creation to the result stored at the home node, read from each home node's store; ")
                    .Append("utilisation and queues sampled from GET /api/v1/stats every 200 ms. ")
                    .Append("Simulated: the same scaled scenario, seed and arrivals in the simulator, ")
                    .AppendLine("task costs scaled to the live service time.")
                    .AppendLine();
                var bench = new LiveBench(new ProcessClusterLauncher(), settings);
                foreach (var path in SimCommand.SplitList(parse.GetValue(scenarios)))
                {
                    var file = SimCommand.ResolveScenario(path);
                    var folder = Path.GetDirectoryName(Path.GetFullPath(file));
                    var scaled = bench.Scale(ScenarioFile.Load(file));
                    var live = await bench.RunAsync(scaled, folder, catalog, Console.Out, cancellationToken);
                    // The simulator's costs are compute only; scaled so their mean matches the time a
                    // task held a live worker, the two runs load their nodes alike.
                    var scale = bench.MeasuredServiceMs > 0 && live.MeanCostMs > 0 ? bench.MeasuredServiceMs / live.MeanCostMs : 1;
                    var costed = scaled with { Workload = scaled.Workload with { CostScale = scaled.Workload.CostScale * scale } };
                    var simulated = new Comparison(catalog).Run(costed, folder, [.. names, LabPolicies.Oracle]);
                    report.Append(ReportWriter.WriteSection(live, "live", outFolder));
                    report.AppendLine(
                        CultureInfo.InvariantCulture,
                        $"The simulated run below scales task costs by {scale:0.##} so their mean matches the "
                        + $"{bench.MeasuredServiceMs:0.###} ms a task held a live worker at speed 1 (HTTP, storage and batching included).")
                        .AppendLine();
                    report.Append(ReportWriter.WriteSection(simulated, "simulated", outFolder));
                }

                Directory.CreateDirectory(outFolder);
                await File.WriteAllTextAsync(Path.Combine(outFolder, "report.md"), report.ToString(), cancellationToken);
                await Console.Out.WriteLineAsync($"Report written to {Path.Combine(outFolder, "report.md")}");

                return 0;
            }
            catch (Exception exception) when (exception is ArgumentException or ScenarioException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"edgewise bench: {exception.Message}");

                return 2;
            }
        });

        return command;
    }

    private static double Positive(double value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be positive (got {value.ToString(CultureInfo.InvariantCulture)}).");
}
