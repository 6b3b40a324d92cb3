using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

public sealed class VibrationBaselineTests
{
    private static readonly VibrationOptions _options = new();

    private readonly VibrationAnalyzer _analyzer = new(_options);

    [Fact]
    public void Score_WhileLearning_IsZero()
    {
        var baseline = new VibrationBaseline(_options);
        var random = new Random(1);
        var features = Analyze(Signals.NoisySine(random));

        baseline.Observe(features);

        Assert.True(baseline.IsLearning);
        var faulty = Signals.AddTone(Signals.NoisySine(random), 3_000, 0.15);
        Assert.Equal(0, baseline.Score(Analyze(faulty)));
    }

    [Fact]
    public void Observe_AfterLearning_LeavesTheBaselineAlone()
    {
        var baseline = new VibrationBaseline(_options);
        var random = new Random(2);
        Learn(baseline, random);

        var added = baseline.Observe(Analyze(Signals.NoisySine(random)));

        Assert.False(added);
        Assert.False(baseline.IsLearning);
        Assert.Equal(_options.BaselineWindows, baseline.WindowsLearned);
    }

    [Fact]
    public void Score_CleanWindow_StaysBelowThreshold()
    {
        var baseline = new VibrationBaseline(_options);
        var random = new Random(3);
        Learn(baseline, random);

        var scores = Enumerable.Range(0, 10)
            .Select(_ => baseline.Score(Analyze(Signals.NoisySine(random))))
            .ToArray();

        Assert.All(scores, s => Assert.InRange(s, 0, _options.AnomalyThreshold));
    }

    [Fact]
    public void Score_FaultTone_PassesThreshold()
    {
        var baseline = new VibrationBaseline(_options);
        var random = new Random(4);
        Learn(baseline, random);

        var faulty = Signals.AddTone(Signals.NoisySine(random), 3_000, 0.15);

        Assert.True(baseline.Score(Analyze(faulty)) > _options.AnomalyThreshold);
    }

    [Fact]
    public void Score_PeriodicImpulses_PassesThreshold()
    {
        var baseline = new VibrationBaseline(_options);
        var random = new Random(5);
        Learn(baseline, random);

        var faulty = Signals.AddImpulses(Signals.NoisySine(random), period: 512, amplitude: 1.0);

        Assert.True(baseline.Score(Analyze(faulty)) > _options.AnomalyThreshold);
    }

    [Fact]
    public void Score_ImsChannel7LevelShift_DoesNotRaiseLevelFeatures()
    {
        // Kurtosis and crest factor are pinned so the score sees only log RMS and the band
        // energies, the features a DC shift would move if the mean were not removed.
        var (baseline, learning, shifted) =
            LearnImsChannel7(f => f with { Kurtosis = 3, CrestFactor = 1 });
        var scores = ImsTestData.Windows(shifted, 4096, 4096)
            .Select(w => baseline.Score(Analyze(w) with { Kurtosis = 3, CrestFactor = 1 }));

        // The offset moved by about 0.14, more than twice the channel's spread (0.06), so an RMS
        // taken with DC would have moved far beyond the threshold.
        var learnedLogRms = learning.Select(w => Math.Log(RmsWithDc(w))).ToArray();
        var mean = learnedLogRms.Average();
        var squares = learnedLogRms.Sum(x => (x - mean) * (x - mean));
        var sd = Math.Sqrt(squares / (learnedLogRms.Length - 1));
        Assert.True(Math.Abs(Math.Log(RmsWithDc(shifted.AsSpan(0, 4096))) - mean) / sd > 10);
        Assert.All(scores, s => Assert.InRange(s, 0, _options.AnomalyThreshold));
    }

    [Fact]
    public void Score_ImsChannel7LevelShift_FlagsOnlyTheWindowWithAnImpulse()
    {
        // Samples 4,096-8,191 of channel 7 in this snapshot hold one spike to -0.662 about a mean
        // of -0.231, near 7 standard deviations: a real transient that raises kurtosis and crest
        // factor. The other windows carry the same DC shift and stay below the threshold.
        var (baseline, _, shifted) = LearnImsChannel7(f => f);

        var scores = ImsTestData.Windows(shifted, 4096, 4096)
            .Select(w => baseline.Score(Analyze(w)))
            .ToArray();

        Assert.Equal(
            [false, true, false, false, false],
            scores.Select(s => s > _options.AnomalyThreshold).ToArray());
    }

    [Fact]
    public void Score_DifferentBandCount_Throws()
    {
        var baseline = new VibrationBaseline(_options);
        Learn(baseline, new Random(6));
        var odd = new VibrationFeatures(0.3, 1, 1.4, 1.5, 1_000, [0.1, 0.2]);

        var ex = Assert.Throws<ArgumentException>(() => baseline.Score(odd));

        Assert.Contains("2 band energies", ex.Message, StringComparison.Ordinal);
    }

    private static double RmsWithDc(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var x in samples)
        {
            sum += (double)x * x;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    // One snapshot holds 20,480 samples: 4,096-sample windows every 1,024 give 17 to learn from.
    private (VibrationBaseline Baseline, float[][] Learning, float[] Shifted) LearnImsChannel7(
        Func<VibrationFeatures, VibrationFeatures> project)
    {
        const int channel = 6;
        var first = ImsTestData.Read(ImsTestData.First)[channel];
        var learning = ImsTestData.Windows(first, 4096, 1024).ToArray();
        var baseline = new VibrationBaseline(_options with { BaselineWindows = learning.Length });
        foreach (var window in learning)
        {
            baseline.Observe(project(Analyze(window)));
        }

        Assert.False(baseline.IsLearning);

        return (baseline, learning, ImsTestData.Read(ImsTestData.Channel7LevelShift)[channel]);
    }

    private VibrationFeatures Analyze(float[] samples) =>
        _analyzer.Analyze(samples, Signals.SampleRateHz);

    private void Learn(VibrationBaseline baseline, Random random)
    {
        for (var i = 0; i < _options.BaselineWindows; i++)
        {
            baseline.Observe(Analyze(Signals.NoisySine(random)));
        }
    }
}
