using Edgewise.Cli.Demo;

namespace Edgewise.Cli.Lab;

/// <summary>Starts the nodes of a live benchmark run and returns them once they answer.</summary>
internal interface ILiveClusterLauncher
{
    /// <summary>Starts every node of <paramref name="cluster"/> with <paramref name="policy"/>, each knowing the others as peers.</summary>
    Task<IReadOnlyList<ILiveNode>> StartAsync(
        IReadOnlyList<NodeSpec> cluster,
        string policy,
        IReadOnlyList<string> policyAssemblies,
        CancellationToken cancellationToken);
}
