using Edgewise.Cli.Demo;

namespace Edgewise.Cli.Lab;

/// <summary>
/// Starts each node as an <c>edgewise node</c> child process, as the demo does, but open (no keys,
/// plain cluster traffic): the benchmark measures placement on loopback, not access control.
/// </summary>
internal sealed class ProcessClusterLauncher : ILiveClusterLauncher
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ILiveNode>> StartAsync(
        IReadOnlyList<NodeSpec> cluster,
        string policy,
        IReadOnlyList<string> policyAssemblies,
        CancellationToken cancellationToken)
    {
        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var spec in cluster)
            {
                nodes.Add(NodeProcess.Start(spec, cluster, policy, security: null, [], policyAssemblies));
            }

            foreach (var node in nodes)
            {
                await node.WaitHealthyAsync(StartTimeout, cancellationToken);
            }

            return nodes;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }
}
