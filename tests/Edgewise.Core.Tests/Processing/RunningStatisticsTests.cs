using Edgewise.Processing;

namespace Edgewise.Core.Tests.Processing;

public sealed class RunningStatisticsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AddAndMerge_RandomData_MatchTwoPassComputation(int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 1000).Select(_ => 20 + (random.NextDouble() * 15)).ToArray();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);

        var sequential = Readings.Statistics(values);
        var split = random.Next(1, values.Length - 1);
        var merged = Readings.Statistics(values[..split]).Merge(Readings.Statistics(values[split..]));
        var chunked = values.Chunk(37).Select(Readings.Statistics).Aggregate((a, b) => a.Merge(b));

        foreach (var stats in new[] { sequential, merged, chunked })
        {
            Assert.Equal(values.Length, stats.Count);
            Assert.Equal(mean, stats.Mean, 9);
            Assert.Equal(variance, stats.Variance, 9);
            Assert.Equal(Math.Sqrt(variance), stats.StandardDeviation, 9);
        }
    }

    [Fact]
    public void Merge_WithEmpty_ReturnsTheOther()
    {
        var stats = Readings.Statistics([1, 2, 3]);

        Assert.Equal(stats, stats.Merge(default));
        Assert.Equal(stats, default(RunningStatistics).Merge(stats));
    }

    [Fact]
    public void Variance_FewerThanTwoValues_IsZero()
    {
        Assert.Equal(0, Readings.Statistics([5]).Variance);
        Assert.Equal(0, default(RunningStatistics).StandardDeviation);
    }
}
