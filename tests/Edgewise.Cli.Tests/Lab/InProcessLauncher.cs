using System.Globalization;
using System.Net.Http.Json;
using Edgewise.Cli.Demo;
using Edgewise.Cli.Lab;
using Edgewise.Node.Api;
using Edgewise.Node.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Edgewise.Cli.Tests.Lab;

/// <summary>Starts the benchmark's nodes inside the test process, on loopback, with the settings the CLI would pass.</summary>
internal sealed class InProcessLauncher : ILiveClusterLauncher
{
    public async Task<IReadOnlyList<ILiveNode>> StartAsync(
        IReadOnlyList<NodeSpec> cluster,
        string policy,
        IReadOnlyList<string> policyAssemblies,
        CancellationToken cancellationToken)
    {
        var nodes = new List<ILiveNode>();
        foreach (var spec in cluster)
        {
            var settings = new Dictionary<string, string?>
            {
                ["urls"] = spec.Url.ToString().TrimEnd('/'),
                ["Node:Id"] = spec.Id,
                ["Node:DataDirectory"] = spec.DataDirectory,
                ["Node:Workers"] = spec.Workers.ToString(CultureInfo.InvariantCulture),
                ["Node:Speed"] = spec.Speed.ToString(CultureInfo.InvariantCulture),
                ["Node:Policy"] = policy,
                ["Node:ClusterUrls:0"] = spec.ClusterUrl.ToString().TrimEnd('/'),
                ["Node:LoadReportInterval"] = "00:00:00.100",
                ["Node:Security:Open"] = "true",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            var i = 0;
            foreach (var other in cluster.Where(other => other != spec))
            {
                settings[$"Node:Peers:{i++}"] = other.ClusterUrl.ToString().TrimEnd('/');
            }

            var app = NodeHost.Create(settings);
            await app.StartAsync(cancellationToken);
            nodes.Add(new InProcessNode(spec, app));
        }

        return nodes;
    }

    private sealed class InProcessNode(NodeSpec spec, WebApplication app) : ILiveNode
    {
        private readonly HttpClient _http = new() { BaseAddress = spec.Url, Timeout = TimeSpan.FromSeconds(10) };
        private bool _stopped;

        public NodeSpec Spec { get; } = spec;

        public async Task<StatsResponse?> StatsAsync(CancellationToken cancellationToken) =>
            await _http.GetFromJsonAsync(new Uri("api/v1/stats", UriKind.Relative), NodeJsonContext.Default.StatsResponse, cancellationToken);

        public async Task<int> StopAsync(TimeSpan timeout)
        {
            if (!_stopped)
            {
                _stopped = true;
                using var deadline = new CancellationTokenSource(timeout);
                await app.StopAsync(deadline.Token);
                await app.DisposeAsync();
            }

            return 0;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync(TimeSpan.FromSeconds(10));
            _http.Dispose();
        }
    }
}
