using System.CommandLine;
using System.Globalization;
using Edgewise.Learning.Models;
using Edgewise.Learning.Traces;
using Edgewise.Learning.Training;
using Spectre.Console;

namespace Edgewise.Cli.Commands;

/// <summary>
/// <c>edgewise train</c>: reads trace files, trains a regression of task completion latency with
/// ML.NET, evaluates it on held-out traces, and writes the model, its card and optionally ONNX.
/// Exit code 2 when the traces or settings are unusable.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var traces = new Option<string[]>("--traces")
        {
            Description = "Trace files or folders (folders are searched for *.parquet), comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for model.zip and model.json (and model.onnx with --onnx)",
            DefaultValueFactory = _ => Path.Combine(".edgewise", "model"),
        };
        var defaults = new TrainingOptions();
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainer", DefaultValueFactory = _ => defaults.Seed };
        var trainer = new Option<string>("--trainer") { Description = "fasttree or lightgbm", DefaultValueFactory = _ => defaults.Trainer };
        var onnx = new Option<bool>("--onnx") { Description = "Also export model.onnx" };
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "Share of decision groups held out for the metrics",
            DefaultValueFactory = _ => defaults.TestFraction,
        };
        var trees = new Option<int>("--trees") { Description = "Trees (boosting iterations)", DefaultValueFactory = _ => defaults.Trees };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree", DefaultValueFactory = _ => defaults.Leaves };

        var command = new Command("train", "Train the learned placement's latency model from trace files")
        {
            traces, output, seed, trainer, onnx, testFraction, trees, leaves,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingOptions
            {
                Seed = parse.GetValue(seed),
                Trainer = parse.GetValue(trainer)!,
                TestFraction = parse.GetValue(testFraction),
                Trees = parse.GetValue(trees),
                Leaves = parse.GetValue(leaves),
            };
            var paths = parse.GetValue(traces)!
                .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToArray();

            return Run(paths, parse.GetValue(output)!, parse.GetValue(onnx), options, AnsiConsole.Console);
        });

        return command;
    }

    private static int Run(string[] paths, string output, bool onnx, TrainingOptions options, IAnsiConsole console)
    {
        try
        {
            options.Validate();
            var files = TraceFiles.Expand(paths);
            if (files.Count == 0)
            {
                throw new ArgumentException($"No trace files (*{TraceFiles.Extension}) in {string.Join(", ", paths)}.");
            }

            var traces = files.SelectMany(TraceReader.Read).ToList();
            console.MarkupLine(Markup.Escape($"Read {traces.Count} traces from {files.Count} file(s); training {options.Trainer} with seed {options.Seed}…"));
            var result = LatencyTrainer.Train(traces, files, options);
            var modelPath = LatencyTrainer.Save(result, output, onnx);

            console.Write(Metrics(result.Card));
            console.MarkupLine(Markup.Escape($"Model: {modelPath}"));
            console.MarkupLine(Markup.Escape($"Card:  {ModelCard.PathFor(modelPath)}"));
            if (onnx)
            {
                console.MarkupLine(Markup.Escape($"ONNX:  {Path.Combine(Path.GetDirectoryName(modelPath)!, LatencyTrainer.OnnxFileName)}"));
            }

            return 0;
        }
        catch (Exception exception) when (exception is TraceFormatException or FileNotFoundException or ArgumentException)
        {
            Console.Error.WriteLine($"edgewise train: {exception.Message}");

            return 2;
        }
    }

    private static Table Metrics(ModelCard card)
    {
        var m = card.Metrics;
        var d = card.Data;
        var table = new Table().Title($"{card.Trainer} model, seed {card.Seed}").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        Row(table, "traces (train / held out)", $"{d.Rows} ({d.TrainRows} / {d.TestRows})");
        Row(table, "explored traces", Number(d.Explored));
        Row(table, "latency p50 / p95 (ms)", $"{Number(d.LatencyP50Ms)} / {Number(d.LatencyP95Ms)}");
        Row(table, "MAE (ms)", Number(m.MaeMs));
        Row(table, "RMSE (ms)", Number(m.RmseMs));
        Row(table, "R²", Number(m.RSquared));
        Row(table, "decision groups", Number(m.Decisions));
        Row(table, "decision accuracy: model / SED", $"{Percent(m.DecisionAccuracy)} / {Percent(m.HeuristicDecisionAccuracy)}");
        Row(table, "mean regret (ms): model / SED", $"{Number(m.MeanRegretMs)} / {Number(m.HeuristicMeanRegretMs)}");

        return table;
    }

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string Percent(double value) =>
        double.IsFinite(value) ? value.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";
}
