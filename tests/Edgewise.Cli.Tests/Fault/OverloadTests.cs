using Edgewise.Cli.Tests.Infrastructure;

namespace Edgewise.Cli.Tests.Fault;

/// <summary>A node whose backlog fills: it refuses with 503 and Retry-After, and loses nothing.</summary>
[Trait("Category", "Fault")]
public sealed class OverloadTests
{
    private const int Limit = 200;
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task FullBacklog_Answers503WithRetryAfter_StaysBoundedAndLosesNothing()
    {
        // Readings wait half a second in their batch, so ten requests of ten fill the backlog.
        var address = NodeAddress.Create("overloaded");
        await using var node = ChildNode.Start(address, [], "local", workers: 1, new Dictionary<string, string>
        {
            ["Node:MaxPendingReadings"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Node:BatchWindow"] = "00:00:00.500",
        });
        await node.WaitHealthyAsync(Start);

        long highest = 0;
        await using (var load = SteadyLoad.Start(address.Url, senders: 8, devicesPerSender: 10, "overload"))
        {
            using var deadline = new CancellationTokenSource(Start);
            while (load.Acknowledged.Count < 1_500 || load.Overloaded == 0)
            {
                highest = Math.Max(highest, (await node.StatsAsync()).ReadingsPending);
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }

            await load.StopAsync(Start);
            await node.WaitForIdleAsync(Start);
            var stats = await node.StatsAsync();
            await node.TerminateAsync(Start);

            Assert.True(stats.RequestsRefusedOverloaded > 0);
            Assert.True(highest <= Limit, $"{highest} readings pending, over the limit of {Limit}");
            Verdict.AssertExactlyOnce(address.DataDirectory, load.Acknowledged);
        }
    }
}
