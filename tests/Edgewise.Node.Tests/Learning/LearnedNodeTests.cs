using System.Net.Http.Json;
using Edgewise.Learning.Traces;
using Edgewise.Node.Api;
using Edgewise.Node.Hosting;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Learning;

public sealed class LearnedNodeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_refused_model_leaves_the_node_placing_on_the_fallback_and_saying_why()
    {
        var model = Path.Combine(Path.GetTempPath(), $"edgewise-bad-model-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(model, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
        var ports = LoopbackPorts.Reserve(2);
        var urls = ports.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToArray();
        var settings = new Dictionary<string, string?>
        {
            ["Node:Policy"] = "learned",
            ["Node:ModelPath"] = model,
            // About placement, not access: plain cluster traffic (ClusterTests cover mutual TLS).
            ["Node:Security:Open"] = "true",
        };
        await using var home = await TestNode.StartAsync("home", ports[0], [urls[1]], settings);
        await using var peer = await TestNode.StartAsync("peer", ports[1], [urls[0]], settings);
        await home.WaitForPeersAsync(Timeout);

        var load = new ReadingLoad(home.Client, devices: 5, "fallback");
        for (var round = 0; round < 10; round++)
        {
            await load.SendRoundAsync(CancellationToken.None);
        }

        await home.WaitForIdleAsync(Timeout);
        var response = await home.Client.GetFromJsonAsync("api/v1/model", NodeJsonContext.Default.ModelResponse);

        Assert.NotNull(response);
        Assert.False(response.Loaded);
        Assert.StartsWith($"{model}: not a loadable ML.NET model", response.LastLoadError, StringComparison.Ordinal);
        Assert.True(response.Decisions.FallbackNoModel > 0);
        Assert.Equal(0, response.Decisions.Learned);
        Assert.Equal(response.Decisions.Fallback, (await home.StatsAsync()).Placement.Decisions.Fallback);
        File.Delete(model);
    }

    [Fact]
    public async Task The_shipped_model_places_tasks_and_every_finished_task_leaves_a_trace()
    {
        var ports = LoopbackPorts.Reserve(2);
        var urls = ports.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToArray();
        var settings = new Dictionary<string, string?>
        {
            ["Node:Policy"] = "learned",
            ["Node:Security:Open"] = "true",
        };
        var home = await TestNode.StartAsync("home", ports[0], [urls[1]], settings);
        await using var peer = await TestNode.StartAsync("peer", ports[1], [urls[0]], settings);
        StatsResponse stats;
        ModelResponse? model;
        try
        {
            await home.WaitForPeersAsync(Timeout);
            var load = new ReadingLoad(home.Client, devices: 5, "learned");
            for (var round = 0; round < 10; round++)
            {
                await load.SendRoundAsync(CancellationToken.None);
            }

            await home.WaitForIdleAsync(Timeout);
            stats = await home.StatsAsync();
            model = await home.Client.GetFromJsonAsync("api/v1/model", NodeJsonContext.Default.ModelResponse);
        }
        finally
        {
            await home.StopAsync();
        }

        Assert.NotNull(model);
        Assert.True(model.Loaded, model.LastLoadError);
        Assert.Equal("learned", model.Policy);
        Assert.NotNull(model.Card);
        Assert.True(model.Decisions.Learned > 0);
        var traces = TraceReader.ReadAll([Path.Combine(home.DataDirectory, "traces")]);
        Assert.Equal(stats.TasksCompleted, traces.Count);
        Assert.All(traces, trace => Assert.Equal("home", trace.HomeNodeId));
        Assert.All(traces, trace => Assert.Equal("learned", trace.Policy));
    }
}
