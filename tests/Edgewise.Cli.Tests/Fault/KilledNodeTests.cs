using Edgewise.Cli.Tests.Infrastructure;

namespace Edgewise.Cli.Tests.Fault;

/// <summary>
/// Nodes in child processes under steady load, one killed with SIGKILL mid-stream and started
/// again on the same data directory. Every acknowledged reading must end processed exactly once.
/// </summary>
[Trait("Category", "Fault")]
public sealed class KilledNodeTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task HomeNodeKilledMidStream_RestartsAndProcessesEveryAcknowledgedReadingOnce()
    {
        var home = NodeAddress.Create("home");
        var peer = NodeAddress.Create("peer");
        await using var peerNode = ChildNode.Start(peer, [home], "round-robin", workers: 1);
        var homeNode = ChildNode.Start(home, [peer], "round-robin", workers: 1);
        try
        {
            await Task.WhenAll(homeNode.WaitHealthyAsync(Start), peerNode.WaitHealthyAsync(Start));
            await homeNode.WaitForPeersAsync(Start);
            await using var load = SteadyLoad.Start(home.Url, senders: 4, devicesPerSender: 10, "home-kill");
            await load.WaitForAcknowledgedAsync(2_000, Start);

            await homeNode.KillAsync();
            var acknowledgedAtKill = load.Acknowledged.Count;
            await homeNode.DisposeAsync();
            homeNode = ChildNode.Start(home, [peer], "round-robin", workers: 1);
            await homeNode.WaitHealthyAsync(Start);
            await load.WaitForAcknowledgedAsync(acknowledgedAtKill + 2_000, Start);
            await load.StopAsync(Stop);

            await homeNode.WaitForIdleAsync(Idle);
            var stats = await homeNode.StatsAsync();
            var stopped = await homeNode.TerminateAsync(Stop);

            Assert.Equal(0, homeNode.ExitCode);
            Assert.True(load.Failures > 0, "the kill interrupted no request");
            Assert.True(stats.SentToPeers.Values.Sum(work => work.Tasks) > 0, "no task went to the peer after the restart");
            Assert.True(stopped < Stop, $"SIGTERM took {stopped}");
            Verdict.AssertExactlyOnce(home.DataDirectory, load.Acknowledged);
        }
        finally
        {
            await homeNode.DisposeAsync();
        }
    }

    [Fact]
    public async Task PeerKilledHoldingOffloadedTasks_HomeRetriesThemAndLosesNothing()
    {
        var home = NodeAddress.Create("home");
        var doomed = NodeAddress.Create("doomed");
        var steady = NodeAddress.Create("steady");
        await using var homeNode = ChildNode.Start(home, [doomed, steady], "round-robin", workers: 1);
        var doomedNode = ChildNode.Start(doomed, [home, steady], "round-robin", workers: 1);
        await using var steadyNode = ChildNode.Start(steady, [home, doomed], "round-robin", workers: 1);
        try
        {
            await Task.WhenAll(homeNode.WaitHealthyAsync(Start), doomedNode.WaitHealthyAsync(Start), steadyNode.WaitHealthyAsync(Start));
            await homeNode.WaitForPeersAsync(Start);
            await using var load = SteadyLoad.Start(home.Url, senders: 4, devicesPerSender: 10, "peer-kill");
            await load.WaitForAcknowledgedAsync(2_000, Start);

            await doomedNode.KillAsync();
            var acknowledgedAtKill = load.Acknowledged.Count;
            await load.WaitForAcknowledgedAsync(acknowledgedAtKill + 1_000, Start);
            await doomedNode.DisposeAsync();
            doomedNode = ChildNode.Start(doomed, [home, steady], "round-robin", workers: 1);
            await doomedNode.WaitHealthyAsync(Start);
            await homeNode.WaitForPeersAsync(Start);
            await load.WaitForAcknowledgedAsync(load.Acknowledged.Count + 1_000, Start);
            await load.StopAsync(Stop);

            await homeNode.WaitForIdleAsync(Idle);
            var stats = await homeNode.StatsAsync();
            await homeNode.TerminateAsync(Stop);

            Assert.True(stats.TasksFailedOnPeers > 0, "no offloaded task was interrupted by the kill");
            Assert.True(stats.SentToPeers.ContainsKey(doomed.Id), "the killed peer computed nothing");
            Assert.Equal(0, load.Failures);
            Verdict.AssertExactlyOnce(home.DataDirectory, load.Acknowledged);
        }
        finally
        {
            await doomedNode.DisposeAsync();
        }
    }
}
