using System.CommandLine;
using System.Globalization;
using System.Text;
using Edgewise.Cli.Lab;
using Edgewise.Lab.Calibration;
using Edgewise.Lab.Engine;
using Edgewise.Lab.Reports;
using Edgewise.Lab.Scenarios;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise sim</c>: runs scenarios in the discrete-event simulator with every policy and
/// writes the comparison (Markdown table, latency CDF and queue charts); <c>edgewise sim
/// calibrate</c> measures the real processing code the simulator's task costs come from.
/// </summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var scenarios = new Option<string[]>("--scenario")
        {
            Description = "Scenario files (or names of files in ./scenarios), comma-separated or repeated",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var policies = PoliciesOption();
        var assemblies = AssembliesOption();
        var output = new Option<string>("--out") { Description = "Folder for report.md and the charts; without it only the table is printed" };
        var tasks = new Option<long?>("--tasks") { Description = "Override the scenarios' task count" };
        var traces = new Option<string>("--traces")
        {
            Description = "Folder to write the simulated traces to, one folder per policy, in the trainer's format",
        };
        var model = new Option<string>("--model")
        {
            Description = "Model of the learned policy, .zip (ML.NET) or .onnx (default: the shipped models/default/model.zip)",
        };

        var command = new Command("sim", "Compare placement policies on scenarios in a discrete-event simulator (virtual time)")
        {
            scenarios, policies, assemblies, output, tasks, traces, model,
        };
        command.Subcommands.Add(CalibrateCommand());
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var catalog = LabHost.Catalog(parse.GetValue(assemblies) ?? [], parse.GetValue(model));
                var names = SplitList(parse.GetValue(policies));
                var traceFolder = parse.GetValue(traces);
                Func<string, Edgewise.Traces.ITraceSink>? sinks = null;
                var opened = new List<Edgewise.Traces.ITraceSink>();
                if (traceFolder is not null)
                {
                    var factory = LabHost.TraceSinkFactory(traceFolder)
                        ?? throw new ArgumentException("--traces: this build has no trace writer (Edgewise.Learning's TraceWriter is not built in).");
                    sinks = policy =>
                    {
                        var sink = factory(policy);
                        opened.Add(sink);

                        return sink;
                    };
                }

                var outFolder = parse.GetValue(output);
                var report = new StringBuilder();
                report.AppendLine("# Placement lab: simulated comparison");
                report.AppendLine();
                report.AppendLine(CultureInfo.InvariantCulture, $"Command: `edgewise {string.Join(' ', parse.Tokens.Select(token => token.Value))}`");
                report.AppendLine();
                foreach (var path in SplitList(parse.GetValue(scenarios)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var file = ResolveScenario(path);
                    var scenario = ScenarioFile.Load(file);
                    if (parse.GetValue(tasks) is { } count)
                    {
                        scenario = scenario with { Tasks = count };
                    }

                    var comparison = new Comparison(catalog).Run(scenario, Path.GetDirectoryName(Path.GetFullPath(file)), names, sinks);
                    await CloseAsync(opened);
                    var section = outFolder is null
                        ? Table(comparison)
                        : ReportWriter.WriteSection(comparison, "simulated", outFolder);
                    report.Append(section);
                    await Console.Out.WriteAsync(outFolder is null ? section : Table(comparison));
                }

                if (outFolder is not null)
                {
                    Directory.CreateDirectory(outFolder);
                    await File.WriteAllTextAsync(Path.Combine(outFolder, "report.md"), report.ToString(), cancellationToken);
                    await Console.Out.WriteLineAsync($"Report written to {Path.Combine(outFolder, "report.md")}");
                }

                return 0;
            }
            catch (Exception exception) when (exception is ArgumentException or ScenarioException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"edgewise sim: {exception.Message}");

                return 2;
            }
        });

        return command;
    }

    /// <summary>The <c>--policies</c> option, shared with <c>bench</c>.</summary>
    public static Option<string[]> PoliciesOption() => new("--policies")
    {
        Description = "Policies to compare, comma-separated (default: every classic policy, learned and, in the simulator, oracle)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [.. LabPolicies.Default],
    };

    /// <summary>The <c>--policy-assembly</c> option, shared with <c>bench</c>.</summary>
    public static Option<string[]> AssembliesOption() => new("--policy-assembly")
    {
        Description = "Assemblies (.dll) holding policy classes of your own, comma-separated or repeated; their names join --policies",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>A scenario path as given, or the name of a file in ./scenarios.</summary>
    public static string ResolveScenario(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var named = Path.Combine("scenarios", path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? path : path + ".json");

        return File.Exists(named) ? named : throw new ScenarioException($"Scenario file '{path}' does not exist (nor {named}).");
    }

    /// <summary>Splits comma-separated or repeated values.</summary>
    public static string[] SplitList(string[]? values) =>
        [.. (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>Flushes and closes the trace sinks a comparison opened, so each file is complete.</summary>
    private static async Task CloseAsync(List<Edgewise.Traces.ITraceSink> sinks)
    {
        foreach (var sink in sinks)
        {
            if (sink is IAsyncDisposable asynchronous)
            {
                await asynchronous.DisposeAsync();
            }
            else if (sink is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        sinks.Clear();
    }

    private static string Table(ComparisonResult comparison)
    {
        var text = new StringBuilder();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"{comparison.Scenario.Name}: {comparison.Scenario.Tasks:N0} tasks, "
                + $"offered load {comparison.OfferedUtilisation:P0}");
        text.AppendLine("policy                    completed     failed    mean ms     p50      p95      p99    p99.9  offload  wall s  tasks/s");
        foreach (var r in comparison.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Policy,-24} {r.Completed,10:N0} {r.FailedTotal,10:N0} {r.MeanMs,9:0.###} "
                    + $"{r.P50Ms,8:0.###} {r.P95Ms,8:0.###} {r.P99Ms,8:0.###} {r.P999Ms,8:0.###} "
                    + $"{r.OffloadRatio,7:P1} {r.WallSeconds,7:0.00} {r.Arrived / Math.Max(1e-9, r.WallSeconds),9:N0}");
        }

        foreach (var name in comparison.Unavailable)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{name,-24} not available in this build");
        }

        return text.ToString();
    }

    private static Command CalibrateCommand()
    {
        var output = new Option<string>("--out")
        {
            Description = "Where to write the calibration",
            DefaultValueFactory = _ => Path.Combine("data", "calibration.json"),
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Timed runs per task size",
            DefaultValueFactory = _ => 400,
        };
        var command = new Command("calibrate", "Measure the real processing code's cost per task size, for the simulator") { output, runs };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output)!;
            var calibration = CostMeasurer.Measure($"edgewise {string.Join(' ', parse.Tokens.Select(token => token.Value))}", parse.GetValue(runs));
            calibration.Save(path);
            foreach (var point in calibration.Scalar.Concat(calibration.Vibration))
            {
                await Console.Out.WriteLineAsync(
                    $"size {point.Size,6}: mean {point.MeanMs:0.#####} ms, p50 {point.P50Ms:0.#####}, "
                        + $"p99 {point.P99Ms:0.#####}, cv {point.Cv:0.###}");
            }

            await Console.Out.WriteLineAsync($"Calibration written to {path}");

            return 0;
        });

        return command;
    }
}
