using System.Reflection;
using Edgewise.Learning.Models;
using Edgewise.Traces;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Edgewise.Learning.Training;

/// <summary>
/// Trains a regression of task completion latency on traces with ML.NET and evaluates it on a
/// held-out split. Traces are split by decision group (see <see cref="ModelMetrics"/>), so a
/// group is either trained on or tested on, never both. Trainers run on one thread with a fixed
/// seed: the same traces and seed give the same model.
/// </summary>
public static class LatencyTrainer
{
    /// <summary>Name of the ML.NET model file <see cref="Save"/> writes.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>Name of the ONNX file <see cref="Save"/> writes when asked.</summary>
    public const string OnnxFileName = "model.onnx";

    /// <summary>Trains and evaluates a model on <paramref name="traces"/>.</summary>
    /// <param name="traces">The traces, at least 50.</param>
    /// <param name="files">Names of the files they came from, for the card.</param>
    /// <param name="options">Trainer settings.</param>
    /// <param name="time">Clock for the card's training time. Default the system clock.</param>
    /// <exception cref="ArgumentException">Too few traces, or a setting out of range.</exception>
    public static TrainingResult Train(
        IReadOnlyList<TaskTrace> traces,
        IReadOnlyList<string> files,
        TrainingOptions options,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (traces.Count < 50)
        {
            throw new ArgumentException($"Training needs at least 50 traces, got {traces.Count}.", nameof(traces));
        }

        var (train, test) = Split(traces, options);
        var ml = new MLContext(options.Seed);
        var trainView = ml.Data.LoadFromEnumerable(train.Select(TrainingRow.From));
        var model = Trainer(ml, options).Fit(trainView);
        var evaluator = LatencyModels.FromTransformer(model, "trained model");

        var testView = ml.Data.LoadFromEnumerable(test.Select(TrainingRow.From));
        var regression = ml.Regression.Evaluate(model.Transform(testView));
        var decisions = DecisionQuality.Evaluate(test, evaluator, options.DecisionWindow);
        var metrics = new ModelMetrics(
            Round(regression.MeanAbsoluteError),
            Round(regression.RootMeanSquaredError),
            Round(regression.RSquared),
            decisions.Groups,
            Round(decisions.ModelAccuracy),
            Round(decisions.ModelRegretMs),
            Round(decisions.HeuristicAccuracy),
            Round(decisions.HeuristicRegretMs));

        var card = new ModelCard(
            1,
            options.Trainer.ToLowerInvariant(),
            "latencyMs",
            PlacementFeatures.Names,
            options.Seed,
            options.TestFraction,
            (time ?? TimeProvider.System).GetUtcNow(),
            new Dictionary<string, double>
            {
                ["trees"] = options.Trees,
                ["leaves"] = options.Leaves,
                ["minTracesPerLeaf"] = options.MinTracesPerLeaf,
                ["learningRate"] = options.LearningRate,
                ["decisionWindowMs"] = options.DecisionWindow.TotalMilliseconds,
            },
            Summarise(traces, files, train.Count, test.Count),
            metrics,
            Libraries());

        return new TrainingResult(ml, model, trainView.Schema, evaluator, card);
    }

    /// <summary>
    /// Writes <c>model.zip</c> (ML.NET) and <c>model.json</c> (the card) into
    /// <paramref name="directory"/>, and <c>model.onnx</c> when <paramref name="onnx"/> is set.
    /// Returns the ML.NET model's path.
    /// </summary>
    public static string Save(TrainingResult result, string directory, bool onnx)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        Directory.CreateDirectory(directory);
        var modelPath = Path.Combine(directory, ModelFileName);
        result.Context.Model.Save(result.Model, result.InputSchema, modelPath);
        result.Card.Write(ModelCard.PathFor(modelPath));
        if (onnx)
        {
            ExportOnnx(result, Path.Combine(directory, OnnxFileName));
        }

        return modelPath;
    }

    /// <summary>Exports the model to ONNX, with one input "Features" [N, 9] and the output "Score.output".</summary>
    public static void ExportOnnx(TrainingResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);

        var sample = result.Context.Data.LoadFromEnumerable(
            [new FeatureRow { Features = new float[PlacementFeatures.Count] }]);
        using var stream = File.Create(path);
        result.Context.Model.ConvertToOnnx(result.Model, sample, stream);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainingOptions options) =>
        options.Trainer.ToLowerInvariant() switch
        {
            "lightgbm" => ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinTracesPerLeaf,
                LearningRate = options.LearningRate,
                NumberOfThreads = 1,
                Seed = options.Seed,
            }),
            _ => ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = options.Trees,
                NumberOfLeaves = options.Leaves,
                MinimumExampleCountPerLeaf = options.MinTracesPerLeaf,
                LearningRate = options.LearningRate,
                NumberOfThreads = 1,
            }),
        };

    /// <summary>Holds out whole decision groups, drawn by the seed from groups in a fixed order.</summary>
    private static (List<TaskTrace> Train, List<TaskTrace> Test) Split(IReadOnlyList<TaskTrace> traces, TrainingOptions options)
    {
        var groups = traces
            .GroupBy(trace => DecisionQuality.GroupKey(trace, options.DecisionWindow))
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.OrderBy(trace => trace.PlacedAt).ThenBy(trace => trace.TaskId, StringComparer.Ordinal).ToList())
            .ToList();
        var random = new Random(options.Seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(groups));

        var testGroups = Math.Max(1, (int)Math.Round(groups.Count * options.TestFraction));
        var test = groups.Take(testGroups).SelectMany(group => group).ToList();
        var train = groups.Skip(testGroups).SelectMany(group => group).ToList();
        if (train.Count == 0)
        {
            throw new ArgumentException("Every trace fell into the held-out split; lower the test fraction or add traces.");
        }

        return (train, test);
    }

    private static TrainingDataSummary Summarise(IReadOnlyList<TaskTrace> traces, IReadOnlyList<string> files, int train, int test)
    {
        var latencies = traces.Select(trace => trace.LatencyMs).Order().ToArray();

        return new TrainingDataSummary(
            [.. files.Select(Path.GetFileName).OfType<string>()],
            traces.Count,
            train,
            test,
            traces.Count(trace => trace.Explored),
            [.. traces.Select(trace => trace.ChosenNodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            traces.GroupBy(trace => trace.Policy, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal),
            traces.Min(trace => trace.PlacedAt),
            traces.Max(trace => trace.PlacedAt),
            Round(latencies.Average()),
            Round(Percentile(latencies, 0.5)),
            Round(Percentile(latencies, 0.95)));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(quantile * sorted.Length))];

    private static Dictionary<string, string> Libraries() => new()
    {
        ["Microsoft.ML"] = Version(typeof(MLContext).Assembly),
        ["Microsoft.ML.FastTree"] = Version(typeof(FastTreeRegressionTrainer).Assembly),
        ["Microsoft.ML.LightGbm"] = Version(typeof(LightGbmRegressionTrainer).Assembly),
        ["Microsoft.ML.OnnxRuntime"] = Version(typeof(InferenceSession).Assembly),
        [".NET"] = Environment.Version.ToString(),
    };

    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Informational versions carry a "+commit" suffix; the release number is what matters.
        return informational?.Split('+')[0]
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }

    private static double Round(double value) =>
        double.IsFinite(value) ? Math.Round(value, 4) : value;
}
