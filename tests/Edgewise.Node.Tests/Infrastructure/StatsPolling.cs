using Edgewise.Node.Api;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// Waits for a node's stats to reach a state, polling GET /api/v1/stats: the in-process test
/// nodes and the child-process nodes of the fault tests wait alike.
/// </summary>
public static class StatsPolling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="stats"/> until <paramref name="reached"/> holds; cancelled after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<StatsResponse>> stats, Func<StatsResponse, bool> reached, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!reached(await stats()))
        {
            await Task.Delay(Interval, deadline.Token);
        }
    }

    /// <summary>Until the node has a load report from every peer and sees them all up.</summary>
    public static Task PeersUpAsync(Func<Task<StatsResponse>> stats, TimeSpan timeout) =>
        UntilAsync(stats, s => s.Peers.All(peer => peer.Healthy && peer.ViewAgeMs is not null), timeout);
}
