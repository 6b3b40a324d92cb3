using Edgewise.Node.Hosting;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Cluster;

/// <summary>
/// Three real nodes on loopback ports; all devices send to one of them with an API key, and the
/// nodes call each other over mutual TLS with certificates from a test authority.
/// </summary>
public sealed class ClusterTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("round-robin", PeerLinks.MutualTls)]
    [InlineData("least-loaded", PeerLinks.MutualTlsHttp11)]
    [InlineData("least-loaded", PeerLinks.OpenOnDeviceAddresses)]
    public async Task SkewedLoad_SpreadsWorkAndProcessesEveryAcceptedReadingOnce(string policy, PeerLinks links)
    {
        await using var cluster = await ThreeNodes.StartAsync(policy, links);
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
        Assert.All(stats.Peers, peer => Assert.Equal(links == PeerLinks.MutualTls ? "2.0" : "1.1", peer.HttpVersion));
        Assert.All(stats.Peers, peer => Assert.Equal(links == PeerLinks.OpenOnDeviceAddresses ? "http" : "https", new Uri(peer.Url).Scheme));
    }

    [Fact]
    public async Task PeerStoppedMidRun_WorkContinuesAndNothingAcceptedIsLost()
    {
        await using var cluster = await ThreeNodes.StartAsync("round-robin", PeerLinks.MutualTls);
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

        /// <summary>
        /// Starts the three nodes. With mutual TLS each node has its own certificate and listens
        /// for peers on an https cluster address. Open on device addresses is the plain, trusting
        /// set-up open mode allows: peers call the devices' address, which refuses cleartext
        /// HTTP/2, so the nodes fall back to HTTP/1.1.
        /// </summary>
        public static async Task<ThreeNodes> StartAsync(string policy, PeerLinks links)
        {
            var ports = LoopbackPorts.Reserve(6);
            var tls = links != PeerLinks.OpenOnDeviceAddresses;
            var peerPorts = tls ? ports.Skip(3).ToArray() : ports.Take(3).ToArray();
            var urls = peerPorts.Select(port => new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/")).ToArray();
            Dictionary<string, string?> Settings(int node, bool slow)
            {
                var settings = tls
                    ? TestCertificates.Settings(TestCertificates.ForNode($"node{node}"))
                    : new Dictionary<string, string?> { ["Node:Security:Open"] = "true" };
                settings["Node:Policy"] = policy;
                settings["Node:Seed"] = "7";
                if (tls)
                {
                    settings["Node:ClusterUrls:0"] = urls[node].ToString();
                }

                if (links == PeerLinks.MutualTlsHttp11)
                {
                    settings["Node:PeerHttpVersion"] = "1.1";
                }

                if (slow)
                {
                    settings["Node:Workers"] = "1";
                    settings["Node:Speed"] = "0.25";
                }

                return settings;
            }

            var hot = await TestNode.StartAsync("hot", ports[0], [urls[1], urls[2]], Settings(0, slow: true));
            var warm = await TestNode.StartAsync("warm", ports[1], [urls[0], urls[2]], Settings(1, slow: false));
            var cold = await TestNode.StartAsync("cold", ports[2], [urls[0], urls[1]], Settings(2, slow: false));
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
