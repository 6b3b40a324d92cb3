using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class LeastLoadedPolicyTests
{
    [Fact]
    public void Choose_IdlePeerAndBusySelf_PicksIdlePeer()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 5, inFlight: 1),
            Candidates.Peer("busy", queue: 3),
            Candidates.Peer("idle"),
        };

        var chosen = new LeastLoadedPolicy().Choose(Candidates.Task, candidates, Candidates.Context());

        Assert.Equal(2, chosen);
    }

    [Fact]
    public void Choose_LoadMeasuredPerWorker_PrefersTheWiderNode()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 2, inFlight: 1, workers: 1),
            Candidates.Peer("wide", queue: 4, inFlight: 4, workers: 8),
        };

        var chosen = new LeastLoadedPolicy().Choose(Candidates.Task, candidates, Candidates.Context());

        Assert.Equal(1, chosen);
    }

    [Fact]
    public void Choose_SelfTiedWithPeers_PicksSelf()
    {
        var candidates = new[]
        {
            Candidates.Peer("a", queue: 1),
            Candidates.Peer("b", queue: 1),
            Candidates.Self(queue: 1),
        };
        var policy = new LeastLoadedPolicy();
        var context = Candidates.Context();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(2, policy.Choose(Candidates.Task, candidates, context));
        }
    }

    [Fact]
    public void Choose_PeersTiedBelowSelf_SpreadsOverTheTiedOnly()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 4),
            Candidates.Peer("a"),
            Candidates.Peer("heavy", queue: 2),
            Candidates.Peer("b"),
        };
        var policy = new LeastLoadedPolicy();
        var context = Candidates.Context(seed: 11);
        var counts = new int[candidates.Length];

        for (var i = 0; i < 1000; i++)
        {
            counts[policy.Choose(Candidates.Task, candidates, context)]++;
        }

        Assert.Equal(0, counts[0]);
        Assert.Equal(0, counts[2]);
        Assert.InRange(counts[1], 400, 600);
        Assert.InRange(counts[3], 400, 600);
    }
}
