using Edgewise.Cli.Tests.Infrastructure;

namespace Edgewise.Cli.Tests.Fault;

/// <summary>SIGTERM under load: the node stops accepting, finishes or keeps its work, and exits in time.</summary>
[Trait("Category", "Fault")]
public sealed class StopTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SigtermUnderLoad_ExitsWithinTheShutdownTimeoutAndTheRestartFinishesEverything()
    {
        var address = NodeAddress.Create("stopping");
        var settings = new Dictionary<string, string> { ["Node:ShutdownTimeout"] = "00:00:02" };
        var node = ChildNode.Start(address, [], "local", workers: 1, settings);
        try
        {
            await node.WaitHealthyAsync(Start);
            await using var load = SteadyLoad.Start(address.Url, senders: 4, devicesPerSender: 10, "sigterm");
            await load.WaitForAcknowledgedAsync(2_000, Start);

            var took = await node.TerminateAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, node.ExitCode);
            Assert.True(took < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(3), $"SIGTERM took {took}");

            await node.DisposeAsync();
            node = ChildNode.Start(address, [], "local", workers: 1, settings);
            await node.WaitHealthyAsync(Start);
            await load.WaitForAcknowledgedAsync(load.Acknowledged.Count + 500, Start);
            await load.StopAsync(Start);
            await node.WaitForIdleAsync(Start);
            await node.TerminateAsync(Start);

            Verdict.AssertExactlyOnce(address.DataDirectory, load.Acknowledged);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
