using Edgewise.Learning.Models;
using Edgewise.Learning.Placement;
using Edgewise.Learning.Tests.Infrastructure;
using Edgewise.Learning.Training;
using Edgewise.Placement;
using Edgewise.Traces;
using Microsoft.ML.Data;

namespace Edgewise.Learning.Tests.Training;

public sealed class LatencyTrainerTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void A_model_trained_on_a_known_latency_function_picks_the_truly_fastest_candidate()
    {
        var policy = new LearnedPolicy(new LearnedPolicyOptions { MarginMs = 0, MaxInputAge = TimeSpan.FromHours(1) });
        policy.Use(new LoadedModel(trained.Result.Evaluator, "trained", trained.Result.Card));
        var random = new Random(99);
        var context = new PlacementContext(TimeProvider.System, new Random(1));
        int right = 0, decisions = 500;
        double regret = 0;
        for (var d = 0; d < decisions; d++)
        {
            var features = SyntheticTraces.Candidates(random);
            var truth = features.Select(SyntheticTraces.TrueLatencyMs).ToArray();
            var chosen = policy.Choose(new PlacementTask(features[0].Kind, features[0].TaskSize), SyntheticTraces.AsCandidates(features), context);
            right += truth[chosen] <= truth.Min() ? 1 : 0;
            regret += truth[chosen] - truth.Min();
        }

        Assert.True(right >= decisions * 0.85, $"picked the fastest in {right} of {decisions}");
        Assert.True(regret / decisions < 1.0, $"mean regret {regret / decisions:0.###} ms");
        Assert.Equal(decisions, policy.Decisions.Learned);
    }

    [Fact]
    public void The_card_holds_features_data_and_metrics()
    {
        var card = trained.Result.Card;

        Assert.Equal(PlacementFeatures.Names, card.Features);
        Assert.Equal(11, card.Seed);
        Assert.Equal(4500, card.Data.Rows);
        Assert.Equal(card.Data.Rows, card.Data.TrainRows + card.Data.TestRows);
        Assert.True(card.Metrics.RSquared > 0.9, $"R² {card.Metrics.RSquared}");
        Assert.True(card.Metrics.Decisions > 200, $"{card.Metrics.Decisions} decision groups");
        Assert.True(card.Metrics.DecisionAccuracy > 0.8, $"decision accuracy {card.Metrics.DecisionAccuracy}");
        Assert.Contains("Microsoft.ML", card.Libraries.Keys);
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_identical_predictions()
    {
        var again = LatencyTrainer.Train(trained.Traces, ["synthetic"], trained.Options);

        var probe = Probe(200);
        Assert.Equal(Predict(trained.Result.Evaluator, probe), Predict(again.Evaluator, probe));
    }

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public void The_tree_evaluator_matches_MLNET_predictions_exactly(string trainer)
    {
        var result = trainer == "fasttree"
            ? trained.Result
            : LatencyTrainer.Train(trained.Traces, ["synthetic"], new TrainingOptions { Trainer = trainer, Seed = 3 });
        var probe = Probe(500);

        var rows = Enumerable.Range(0, probe.Length / PlacementFeatures.Count)
            .Select(r => new TrainingRow { Features = probe[(r * PlacementFeatures.Count)..((r + 1) * PlacementFeatures.Count)] })
            .ToList();
        var scores = result.Model
            .Transform(result.Context.Data.LoadFromEnumerable(rows))
            .GetColumn<float>("Score")
            .ToArray();

        Assert.Equal(scores, Predict(result.Evaluator, probe));
    }

    [Fact]
    public void The_ONNX_export_makes_the_same_choices_as_the_MLNET_original()
    {
        using var onnx = LatencyModels.Load(trained.OnnxPath).Model;
        using var mlnet = LatencyModels.Load(trained.ModelPath).Model;
        var random = new Random(5);
        var features = new float[3 * PlacementFeatures.Count];
        Span<float> fromOnnx = stackalloc float[3];
        Span<float> fromMlNet = stackalloc float[3];
        for (var d = 0; d < 500; d++)
        {
            var candidates = SyntheticTraces.Candidates(random);
            for (var i = 0; i < 3; i++)
            {
                candidates[i].CopyTo(features.AsSpan(i * PlacementFeatures.Count));
            }

            onnx.Predict(features, fromOnnx);
            mlnet.Predict(features, fromMlNet);

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(fromMlNet[i], fromOnnx[i], 0.01f);
            }

            // Float sums in another order may reorder exact ties; anything wider must agree.
            if (Gap(fromMlNet) > 0.001f)
            {
                Assert.Equal(ArgMin(fromMlNet), ArgMin(fromOnnx));
            }
        }
    }

    [Fact]
    public void Too_few_traces_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LatencyTrainer.Train(trained.Traces.Take(10).ToList(), [], new TrainingOptions()));

        Assert.Contains("at least 50 traces, got 10", error.Message, StringComparison.Ordinal);
    }

    private static float[] Probe(int rows)
    {
        var random = new Random(17);
        var values = new float[rows * PlacementFeatures.Count];
        for (var r = 0; r < rows; r += 3)
        {
            var candidates = SyntheticTraces.Candidates(random);
            for (var i = 0; i < 3 && r + i < rows; i++)
            {
                candidates[i].CopyTo(values.AsSpan((r + i) * PlacementFeatures.Count));
            }
        }

        return values;
    }

    private static float[] Predict(ILatencyModel model, float[] features)
    {
        var output = new float[features.Length / PlacementFeatures.Count];
        model.Predict(features, output);

        return output;
    }

    private static float Gap(ReadOnlySpan<float> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);

        return sorted[1] - sorted[0];
    }

    private static int ArgMin(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
