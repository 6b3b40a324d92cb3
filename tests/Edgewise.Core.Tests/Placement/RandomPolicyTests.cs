using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class RandomPolicyTests
{
    [Fact]
    public void Choose_ManyDraws_CoversEveryCandidateRoughlyEvenly()
    {
        var policy = new RandomPolicy();
        var candidates = new[]
        {
            Candidates.Self(),
            Candidates.Peer("a"),
            Candidates.Peer("b"),
            Candidates.Peer("c"),
        };
        var context = Candidates.Context(seed: 7);
        var counts = new int[candidates.Length];

        for (var i = 0; i < 4000; i++)
        {
            counts[policy.Choose(Candidates.Task, candidates, context)]++;
        }

        // Expected 1000 each; 800 is over six standard deviations away.
        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void Choose_SameSeed_SameSequence()
    {
        var policy = new RandomPolicy();
        var candidates = new[] { Candidates.Self(), Candidates.Peer("a"), Candidates.Peer("b") };
        var first = Candidates.Context(seed: 3);
        var second = Candidates.Context(seed: 3);

        var a = Enumerable.Range(0, 20).Select(_ => policy.Choose(Candidates.Task, candidates, first));
        var b = Enumerable.Range(0, 20).Select(_ => policy.Choose(Candidates.Task, candidates, second));

        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
