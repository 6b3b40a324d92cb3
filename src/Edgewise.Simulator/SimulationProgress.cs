namespace Edgewise.Simulator;

/// <summary>A snapshot of a running simulation: counters per node and the recent sending rate.</summary>
/// <param name="Elapsed">Wall-clock time since the simulation started.</param>
/// <param name="Nodes">Counters per target node, in the order of the targets.</param>
/// <param name="ReadingsPerSecond">Readings sent per second since the previous snapshot.</param>
public sealed record SimulationProgress(
    TimeSpan Elapsed,
    IReadOnlyList<NodeProgress> Nodes,
    double ReadingsPerSecond)
{
    /// <summary>Readings posted at least once, over all nodes.</summary>
    public long Sent => Nodes.Sum(node => node.Sent);

    /// <summary>Acknowledgements received, duplicates included, over all nodes.</summary>
    public long Acknowledged => Nodes.Sum(node => node.Acknowledged);

    /// <summary>Acknowledgements marked duplicate, over all nodes.</summary>
    public long Duplicates => Nodes.Sum(node => node.Duplicates);

    /// <summary>Readings refused, over all nodes.</summary>
    public long Rejected => Nodes.Sum(node => node.Rejected);

    /// <summary>Readings given up on, over all nodes.</summary>
    public long Failed => Nodes.Sum(node => node.Failed);

    /// <summary>Requests retried, over all nodes.</summary>
    public long Retries => Nodes.Sum(node => node.Retries);
}
