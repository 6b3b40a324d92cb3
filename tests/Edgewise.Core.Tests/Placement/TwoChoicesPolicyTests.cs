using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class TwoChoicesPolicyTests
{
    [Fact]
    public void Choose_SeededDraws_NeverPicksTheHeavierOfItsTwoDraws()
    {
        var candidates = Enumerable.Range(0, 6)
            .Select(i => i == 0 ? Candidates.Self(queue: 3) : Candidates.Peer($"p{i}", queue: i * 2))
            .ToArray();
        var policy = new TwoChoicesPolicy();
        var context = Candidates.Context(seed: 5);

        // A second Random with the same seed replays the policy's two draws.
        var replay = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var first = replay.Next(candidates.Length);
            var second = replay.Next(candidates.Length - 1);
            if (second >= first)
            {
                second++;
            }

            var chosen = policy.Choose(Candidates.Task, candidates, context);

            Assert.True(chosen == first || chosen == second);
            var other = chosen == first ? second : first;
            Assert.True(
                candidates[chosen].Load.LoadPerWorker <= candidates[other].Load.LoadPerWorker,
                $"draw {i}: chose {chosen} over lighter {other}");
        }
    }

    [Fact]
    public void Choose_TwoCandidates_AlwaysPicksTheLighter()
    {
        var candidates = new[] { Candidates.Self(queue: 9), Candidates.Peer("light", queue: 1) };
        var policy = new TwoChoicesPolicy();
        var context = Candidates.Context();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(1, policy.Choose(Candidates.Task, candidates, context));
        }
    }

    [Fact]
    public void Choose_TieWithSelf_PicksSelf()
    {
        var candidates = new[] { Candidates.Peer("a", queue: 2), Candidates.Self(queue: 2) };
        var policy = new TwoChoicesPolicy();
        var context = Candidates.Context();

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(1, policy.Choose(Candidates.Task, candidates, context));
        }
    }

    [Fact]
    public void Choose_TieBetweenPeers_PicksTheFirstDrawn()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 9),
            Candidates.Peer("a", queue: 1),
            Candidates.Peer("b", queue: 1),
        };
        var policy = new TwoChoicesPolicy();
        var context = Candidates.Context(seed: 8);
        var replay = new Random(8);

        for (var i = 0; i < 100; i++)
        {
            var first = replay.Next(3);
            var second = replay.Next(2);
            second += second >= first ? 1 : 0;
            var expected = first == 0 ? second : second == 0 ? first : first;

            Assert.Equal(expected, policy.Choose(Candidates.Task, candidates, context));
        }
    }

    [Fact]
    public void Choose_OneCandidate_ReturnsIt()
    {
        var chosen = new TwoChoicesPolicy().Choose(
            Candidates.Task,
            [Candidates.Self(queue: 50)],
            Candidates.Context());

        Assert.Equal(0, chosen);
    }
}
