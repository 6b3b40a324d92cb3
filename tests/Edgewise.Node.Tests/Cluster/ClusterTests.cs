using Edgewise.Node.Hosting;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Cluster;

/// <summary>Three real nodes on loopback ports; all devices send to one of them.</summary>
public sealed class ClusterTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("round-robin")]
    [InlineData("least-loaded")]
    public async Task SkewedLoad_SpreadsWorkAndProcessesEveryAcceptedReadingOnce(string policy)
    {
        await using var cluster = await ThreeNodes.StartAsync(policy);
        var load = new ReadingLoad(cluster.Hot.Client, devices: 20, "skew");

        for (var round = 0; round < 100; round++)
        {
            await load.SendRoundAsync(CancellationToken.None);
        }

        await cluster.Hot.WaitForIdleAsync(Idle);
        var stats = await cluster.Hot.StatsAsync();
        await cluster.StopAllAsync();

        var audit = StoreAudit.Read(cluster.Hot.DataDirectory);
        Assert.Equal(2000, load.Acknowledged.Count);
        Assert.True(audit.ExactlyOnce, $"unprocessed {audit.Unprocessed}, duplicated {audit.Duplicated}");
        Assert.True(load.Acknowledged.SetEquals(audit.AcceptedKeys));
        Assert.True(audit.ProcessedBy.Count >= 2, $"work ran only on {string.Join(", ", audit.ProcessedBy.Keys)}");
        Assert.True(stats.SentToPeers.Values.Sum(work => work.Tasks) > 0);
    }

    [Fact]
    public async Task PeerStoppedMidRun_WorkContinuesAndNothingAcceptedIsLost()
    {
        await using var cluster = await ThreeNodes.StartAsync("round-robin");
        var load = new ReadingLoad(cluster.Hot.Client, devices: 10, "fail");

        for (var round = 0; round < 40; round++)
        {
            await load.SendRoundAsync(CancellationToken.None);
        }

        await cluster.Cold.StopAsync();
        var completedBefore = (await cluster.Hot.StatsAsync()).TasksCompleted;
        for (var round = 0; round < 60; round++)
        {
            await load.SendRoundAsync(CancellationToken.None);
        }

        await cluster.Hot.WaitForIdleAsync(Idle);
        var stats = await cluster.Hot.StatsAsync();
        await cluster.StopAllAsync();

        var audit = StoreAudit.Read(cluster.Hot.DataDirectory);
        Assert.Equal(1000, load.Acknowledged.Count);
        Assert.True(stats.TasksCompleted > completedBefore);
        Assert.True(audit.ExactlyOnce, $"unprocessed {audit.Unprocessed}, duplicated {audit.Duplicated}");
        Assert.True(load.Acknowledged.SetEquals(audit.AcceptedKeys));
        Assert.Contains(stats.Peers, peer => peer.Id == cluster.Cold.Id && !peer.Healthy);
    }

    private sealed class ThreeNodes : IAsyncDisposable
    {
        private ThreeNodes(TestNode hot, TestNode warm, TestNode cold)
        {
            Hot = hot;
            Warm = warm;
            Cold = cold;
        }

        /// <summary>The node every device sends to: one slow worker (emulated).</summary>
        public TestNode Hot { get; }

        public TestNode Warm { get; }

        public TestNode Cold { get; }

        public static async Task<ThreeNodes> StartAsync(string policy)
        {
            var ports = LoopbackPorts.Reserve(3);
            var urls = ports.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToArray();
            var common = new Dictionary<string, string?> { ["Node:Policy"] = policy, ["Node:Seed"] = "7" };
            var slow = new Dictionary<string, string?>(common) { ["Node:Workers"] = "1", ["Node:Speed"] = "0.25" };

            var hot = await TestNode.StartAsync("hot", ports[0], [urls[1], urls[2]], slow);
            var warm = await TestNode.StartAsync("warm", ports[1], [urls[0], urls[2]], common);
            var cold = await TestNode.StartAsync("cold", ports[2], [urls[0], urls[1]], common);
            foreach (var node in new[] { hot, warm, cold })
            {
                await node.WaitForPeersAsync(TimeSpan.FromSeconds(30));
            }

            return new ThreeNodes(hot, warm, cold);
        }

        public async Task StopAllAsync()
        {
            await Hot.StopAsync();
            await Warm.StopAsync();
            await Cold.StopAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Hot.DisposeAsync();
            await Warm.DisposeAsync();
            await Cold.DisposeAsync();
        }
    }
}
