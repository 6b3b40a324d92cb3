using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class ShortestExpectedDelayPolicyTests
{
    private readonly ShortestExpectedDelayPolicy _policy = new();

    [Fact]
    public void Choose_EqualQueues_PrefersSelfBecauseTheLinkCostsTime()
    {
        var candidates = new[] { Candidates.Peer("a", queue: 2), Candidates.Self(queue: 2) };

        Assert.Equal(1, _policy.Choose(Candidates.Task, candidates, Candidates.Context()));
    }

    [Fact]
    public void Choose_LongSelfQueueAndFastIdlePeer_SendsToPeer()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 20, inFlight: 1, serviceMs: 10),
            Candidates.Peer("slow-idle", serviceMs: 500, rttMs: 2),
            Candidates.Peer("fast-idle", serviceMs: 5, rttMs: 3),
        };

        Assert.Equal(2, _policy.Choose(Candidates.Task, candidates, Candidates.Context()));
    }

    [Fact]
    public void Choose_SameQueueMoreWorkers_PicksTheWiderPeer()
    {
        var candidates = new[]
        {
            Candidates.Self(queue: 6, inFlight: 2, workers: 2),
            Candidates.Peer("wide", queue: 6, inFlight: 2, workers: 8),
        };

        Assert.Equal(1, _policy.Choose(Candidates.Task, candidates, Candidates.Context()));
    }

    [Fact]
    public void Choose_AllTied_PicksSelf()
    {
        var candidates = new[]
        {
            Candidates.Peer("a", rttMs: 0),
            Candidates.Self(),
            Candidates.Peer("b", rttMs: 0),
        };

        Assert.Equal(1, _policy.Choose(Candidates.Task, candidates, Candidates.Context()));
    }

    [Fact]
    public void Choose_PeerWithoutMeasurement_UsesSelfServiceTime()
    {
        // Peer unmeasured (0 ms) would look free; with self's 10 ms it costs 2 + 10 = 12 ms,
        // more than self's 10 ms.
        var candidates = new[] { Candidates.Self(serviceMs: 10), Candidates.Peer("new", serviceMs: 0) };

        Assert.Equal(0, _policy.Choose(Candidates.Task, candidates, Candidates.Context()));
    }

    [Theory]
    [InlineData(0, 0, 1, 10, 0, 10)] // free worker: service time only
    [InlineData(3, 1, 1, 10, 0, 50)] // four ahead, one worker: wait 4 services, then own
    [InlineData(3, 1, 4, 10, 0, 12.5)] // four ahead, four workers: wait a quarter service
    [InlineData(2, 0, 4, 10, 0, 10)] // three busy of four: a worker is free
    [InlineData(0, 0, 1, 10, 5, 15)] // link round trip adds on top
    [InlineData(0, 0, 0, 10, 0, 10)] // zero workers counted as one
    public void ExpectedDelayMs_KnownCases_MatchesFormula(
        int queue,
        int inFlight,
        int workers,
        double serviceMs,
        double rttMs,
        double expected)
    {
        var candidate = Candidates.Peer("p", queue, inFlight, workers, serviceMs, rttMs);

        Assert.Equal(expected, ShortestExpectedDelayPolicy.ExpectedDelayMs(candidate), 9);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ExpectedDelayMs_NoMeasurement_UsesFallback(double serviceMs)
    {
        var candidate = Candidates.Peer("p", serviceMs: serviceMs, rttMs: 0);

        Assert.Equal(1, ShortestExpectedDelayPolicy.ExpectedDelayMs(candidate));
        Assert.Equal(7, ShortestExpectedDelayPolicy.ExpectedDelayMs(candidate, 7));
    }
}
