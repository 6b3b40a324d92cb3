using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class ExplorationTests
{
    [Fact]
    public void A_rate_of_zero_never_explores()
    {
        var exploration = new Exploration(0);
        var random = new Random(1);

        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => exploration.TryChoose(3, random, out _)));
    }

    [Fact]
    public void A_rate_explores_about_that_share_and_covers_every_candidate()
    {
        var exploration = new Exploration(0.2);
        var random = new Random(7);
        var picks = new int[3];
        var explored = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if (exploration.TryChoose(3, random, out var index))
            {
                explored++;
                picks[index]++;
            }
        }

        Assert.InRange(explored, 1800, 2200);
        Assert.All(picks, count => Assert.InRange(count, 500, 850));
    }

    [Fact]
    public void A_single_candidate_is_never_explored()
    {
        Assert.False(new Exploration(1).TryChoose(1, new Random(1), out _));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_rate_outside_zero_to_one_is_refused(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Exploration(rate));
    }
}
