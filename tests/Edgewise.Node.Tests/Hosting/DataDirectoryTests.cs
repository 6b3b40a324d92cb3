using Edgewise.Node.Hosting;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Hosting;

public sealed class DataDirectoryTests
{
    [Fact]
    public async Task SecondNodeOnTheSameDataDirectory_RefusesToStart()
    {
        await using var first = await TestNode.StartAsync("first");

        var exception = await Assert.ThrowsAsync<NodeStartupException>(() =>
            TestNode.StartAsync("second", LoopbackPorts.Reserve(1)[0], dataDirectory: first.DataDirectory));

        Assert.Contains("in use by another node", exception.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await first.StatsAsync()).NodeId);
    }
}
