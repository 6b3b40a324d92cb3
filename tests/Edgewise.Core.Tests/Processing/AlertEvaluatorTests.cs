using Edgewise.Processing;

namespace Edgewise.Core.Tests.Processing;

public sealed class AlertEvaluatorTests
{
    private static readonly AlertRule _hot = new() { Name = "hot", Kind = "temperature", Above = 30 };

    [Fact]
    public void Evaluate_StaysInViolation_RaisesOnceThenClearsOnce()
    {
        var evaluator = new AlertEvaluator([_hot]);
        double[] values = [25, 31, 35, 40, 32, 29, 28, 33];

        var alerts = values
            .Select((value, i) => evaluator.Evaluate(Readings.Temperature(value, i)))
            .ToList();

        Assert.Equal([0, 1, 0, 0, 0, 1, 0, 1], alerts.Select(a => a.Count));
        Assert.Equal(
            new Alert("hot", "T_1", "temperature", 31, 30, AlertState.Raised, Readings.Start.AddSeconds(1), 1),
            alerts[1][0]);
        Assert.Equal(
            new Alert("hot", "T_1", "temperature", 29, 30, AlertState.Cleared, Readings.Start.AddSeconds(5), 5),
            alerts[5][0]);
        Assert.Equal(AlertState.Raised, alerts[7][0].State);
    }

    [Fact]
    public void Evaluate_ValueAtThreshold_NotAViolation()
    {
        var evaluator = new AlertEvaluator([_hot]);

        Assert.Empty(evaluator.Evaluate(Readings.Temperature(30, 1)));
    }

    [Fact]
    public void Evaluate_BelowRule_RaisesWithBelowThreshold()
    {
        var cold = new AlertRule { Name = "band", Kind = "Temperature", Above = 30, Below = 5 };
        var evaluator = new AlertEvaluator([cold]);

        var alert = Assert.Single(evaluator.Evaluate(Readings.Temperature(2, 1)));

        Assert.Equal(5, alert.Threshold);
        Assert.Equal(AlertState.Raised, alert.State);
    }

    [Fact]
    public void Evaluate_DevicesTrackedApart()
    {
        var evaluator = new AlertEvaluator([_hot]);

        Assert.Single(evaluator.Evaluate(Readings.Temperature(35, 1, "T_1")));
        Assert.Single(evaluator.Evaluate(Readings.Temperature(35, 1, "T_2")));
        Assert.Empty(evaluator.Evaluate(Readings.Temperature(36, 2, "T_1")));
    }

    [Fact]
    public void Evaluate_RuleForOneDevice_IgnoresOthers()
    {
        var evaluator = new AlertEvaluator([_hot with { DeviceId = "T_9" }]);

        Assert.Empty(evaluator.Evaluate(Readings.Temperature(35, 1, "T_1")));
        Assert.Single(evaluator.Evaluate(Readings.Temperature(35, 1, "T_9")));
    }

    [Fact]
    public void Evaluate_ReadingWithoutValueOrOtherKind_NoAlertAndStateKept()
    {
        var evaluator = new AlertEvaluator([_hot]);
        evaluator.Evaluate(Readings.Temperature(35, 1));

        Assert.Empty(evaluator.Evaluate(Readings.Temperature(null, 2)));
        Assert.Empty(evaluator.Evaluate(Readings.Temperature(36, 3)));
    }

    [Fact]
    public void Evaluate_ManyThreadsInViolation_RaisesExactlyOnce()
    {
        var evaluator = new AlertEvaluator([_hot]);
        var raised = 0;

        Parallel.For(0, 500, i =>
            Interlocked.Add(ref raised, evaluator.Evaluate(Readings.Temperature(40, i)).Count));

        Assert.Equal(1, raised);
    }

    [Theory]
    [InlineData("", "temperature", 30d, null, "(unnamed, kind 'temperature') needs a name")]
    [InlineData("r1", "", 30d, null, "'r1' needs a kind")]
    [InlineData("r2", "temperature", null, null, "'r2' needs Above, Below or both")]
    [InlineData("r3", "temperature", 10d, 20d, "'r3' has Above (10) lower than Below (20)")]
    [InlineData("r4", "temperature", double.NaN, null, "'r4' has a threshold that is not a number")]
    public void Constructor_InvalidRule_ThrowsNamingTheRule(
        string name,
        string kind,
        double? above,
        double? below,
        string expected)
    {
        var rule = new AlertRule { Name = name, Kind = kind, Above = above, Below = below };

        var error = Assert.Throws<ArgumentException>(() => new AlertEvaluator([rule]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlertEvaluator([_hot, _hot with { Above = 40 }]));

        Assert.Contains("'hot' is defined twice", error.Message, StringComparison.Ordinal);
    }
}
