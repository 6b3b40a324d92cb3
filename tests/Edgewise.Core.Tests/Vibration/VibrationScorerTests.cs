using Edgewise.Tasks;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

public sealed class VibrationScorerTests
{
    private static readonly VibrationOptions _options = new();

    private readonly VibrationAnalyzer _analyzer = new(_options);
    private readonly VibrationScorer _scorer = new(_options);

    [Fact]
    public void Score_FirstWindows_LearnWithScoreZero()
    {
        var random = new Random(1);

        var scores = Enumerable.Range(0, _options.BaselineWindows)
            .Select(_ => _scorer.Score("rig-1", "x", Analyze(Signals.NoisySine(random))))
            .ToList();

        Assert.All(scores, score => Assert.Equal(new VibrationScore(0, true, false), score));
    }

    [Fact]
    public void Score_FaultToneAfterCleanBaseline_IsAnomaly()
    {
        var random = new Random(2);
        Learn("rig-1", "x", random);

        var faulty = Signals.AddTone(Signals.NoisySine(random), 3_100, 0.15);
        var score = _scorer.Score("rig-1", "x", Analyze(faulty));

        Assert.False(score.Learning);
        Assert.True(score.Anomaly, $"score {score.Score}");
        Assert.True(score.Score >= _options.AnomalyThreshold);
    }

    [Fact]
    public void Score_CleanWindowAfterCleanBaseline_IsNotAnomaly()
    {
        var random = new Random(3);
        Learn("rig-1", "x", random);

        var score = _scorer.Score("rig-1", "x", Analyze(Signals.NoisySine(random)));

        Assert.False(score.Learning);
        Assert.False(score.Anomaly, $"score {score.Score}");
        Assert.True(score.Score < _options.AnomalyThreshold);
    }

    [Fact]
    public void Score_OtherChannelOrDevice_LearnsItsOwnBaseline()
    {
        var random = new Random(4);
        Learn("rig-1", "x", random);

        var window = Analyze(Signals.NoisySine(random));

        Assert.True(_scorer.Score("rig-1", "y", window).Learning);
        Assert.True(_scorer.Score("rig-1", null, window).Learning);
        Assert.True(_scorer.Score("rig-2", "x", window).Learning);
        Assert.False(_scorer.Score("rig-1", "x", window).Learning);
    }

    [Fact]
    public void Score_ConcurrentWindows_ExactlyTheBaselinesCountLearn()
    {
        var random = new Random(5);
        var windows = Enumerable.Range(0, 200).Select(_ => Analyze(Signals.NoisySine(random))).ToArray();
        var learning = 0;

        Parallel.For(0, windows.Length, i =>
        {
            if (_scorer.Score("rig-1", "x", windows[i]).Learning)
            {
                Interlocked.Increment(ref learning);
            }
        });

        Assert.Equal(_options.BaselineWindows, learning);
    }

    private void Learn(string deviceId, string channel, Random random)
    {
        for (var i = 0; i < _options.BaselineWindows; i++)
        {
            Assert.True(_scorer.Score(deviceId, channel, Analyze(Signals.NoisySine(random))).Learning);
        }
    }

    private VibrationFeatures Analyze(float[] samples) => _analyzer.Analyze(samples, Signals.SampleRateHz);
}
