using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Security;

/// <summary>
/// Every request of <see cref="HostileRequests.Table"/> gets its expected status from a node with
/// keys, limits and mutual TLS on; the node stays healthy, and valid readings sent alongside the
/// whole table are all acknowledged and processed exactly once.
/// </summary>
public sealed class HostileInputTests(SecuredNodeFixture fixture) : IClassFixture<SecuredNodeFixture>
{
    public static TheoryData<string> Cases => [.. HostileRequests.Table.Keys];

    [Fact]
    public void TheTableHoldsAtLeastForty() => Assert.True(HostileRequests.Table.Count >= 40, $"{HostileRequests.Table.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileRequest_GetsItsStatus_AndTheNodeStaysHealthy(string name)
    {
        var node = await fixture.NodeAsync();
        var hostile = HostileRequests.Table[name];

        var status = await hostile.Send(node);

        Assert.Equal(hostile.Expected, status);
        using var health = await node.Node.Client.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.True(health.IsSuccessStatusCode);
    }

    [Fact]
    public async Task WholeTableAtOnce_ValidTrafficAlongsideIsProcessedExactlyOnce()
    {
        await using var node = await SecuredNode.StartAsync("alongside");
        var load = new ReadingLoad(node.Node.Client, devices: 10, "valid");
        using var stop = new CancellationTokenSource();
        var rounds = 0;
        var valid = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || rounds < 20)
            {
                Assert.Equal(10, await load.SendRoundAsync(CancellationToken.None));
                rounds++;
            }
        });

        var statuses = await Task.WhenAll(HostileRequests.Table.Select(async pair => (pair.Key, pair.Value.Expected, Status: await pair.Value.Send(node))));
        await stop.CancelAsync();
        await valid;

        Assert.Empty(statuses.Where(s => s.Status != s.Expected).Select(s => $"{s.Key}: {s.Status}, expected {s.Expected}"));
        await node.Node.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await node.Node.StopAsync();
        var audit = StoreAudit.Read(node.Node.DataDirectory);
        Assert.Equal(rounds * 10, load.Acknowledged.Count);
        Assert.True(audit.ExactlyOnce, $"unprocessed {audit.Unprocessed}, duplicated {audit.Duplicated}");
        Assert.True(load.Acknowledged.IsSubsetOf(audit.AcceptedKeys));
    }
}
