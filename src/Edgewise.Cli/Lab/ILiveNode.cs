using Edgewise.Cli.Demo;
using Edgewise.Node.Api;

namespace Edgewise.Cli.Lab;

/// <summary>A running node the live benchmark drives: a child process, or a node hosted in a test.</summary>
internal interface ILiveNode : IAsyncDisposable
{
    /// <summary>Its id, addresses, data directory and capacity.</summary>
    NodeSpec Spec { get; }

    /// <summary>Its GET /api/v1/stats, or null when it does not answer.</summary>
    Task<StatsResponse?> StatsAsync(CancellationToken cancellationToken);

    /// <summary>Stops it so its store is complete and closed; returns its exit code (0 in process).</summary>
    Task<int> StopAsync(TimeSpan timeout);
}
