using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class RoundRobinPolicyTests
{
    [Fact]
    public void Choose_RepeatedCalls_CyclesOverEveryCandidateInOrder()
    {
        var policy = new RoundRobinPolicy();
        var candidates = new[] { Candidates.Self(), Candidates.Peer("a"), Candidates.Peer("b") };
        var context = Candidates.Context();

        var chosen = Enumerable.Range(0, 7)
            .Select(_ => policy.Choose(Candidates.Task, candidates, context))
            .ToArray();

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], chosen);
    }

    [Fact]
    public void Choose_CandidateListShrinks_StaysWithinCurrentCount()
    {
        var policy = new RoundRobinPolicy();
        var three = new[] { Candidates.Self(), Candidates.Peer("a"), Candidates.Peer("b") };
        var one = new[] { Candidates.Self() };
        var context = Candidates.Context();

        policy.Choose(Candidates.Task, three, context);
        policy.Choose(Candidates.Task, three, context);

        Assert.Equal(0, policy.Choose(Candidates.Task, one, context));
    }

    [Fact]
    public void Choose_ManyThreads_SpreadsEvenly()
    {
        var policy = new RoundRobinPolicy();
        var candidates = new[] { Candidates.Self(), Candidates.Peer("a"), Candidates.Peer("b") };
        var counts = new int[3];

        Parallel.For(0, 3000, _ =>
        {
            var chosen = policy.Choose(Candidates.Task, candidates, Candidates.Context());
            Interlocked.Increment(ref counts[chosen]);
        });

        Assert.All(counts, count => Assert.Equal(1000, count));
    }
}
