using Edgewise.Simulator.Sending;

namespace Edgewise.Simulator;

/// <summary>
/// The outcome of a simulation: final counters per node, where devices were homed, and every
/// acknowledgement, so a caller can check exactly-once delivery against the nodes' stores.
/// </summary>
/// <param name="Elapsed">Wall-clock time from start to the last settled request.</param>
/// <param name="StopReason">Why sending stopped.</param>
/// <param name="Dispatched">Readings handed to the sender; each ends acknowledged, rejected or failed.</param>
/// <param name="Nodes">Final counters per target node, in the order of the targets.</param>
/// <param name="DevicesPerNode">How many devices each node was home to.</param>
/// <param name="Acknowledgements">Every (node, device, sequence) acknowledged, with repeat counts.</param>
public sealed record SimulationSummary(
    TimeSpan Elapsed,
    SimulationStopReason StopReason,
    long Dispatched,
    IReadOnlyList<NodeProgress> Nodes,
    IReadOnlyDictionary<Uri, int> DevicesPerNode,
    AcknowledgementLog Acknowledgements)
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

    /// <summary>Average readings sent per wall-clock second.</summary>
    public double ReadingsPerSecond => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>True when no reading was rejected or failed.</summary>
    public bool AllAcknowledged => Rejected == 0 && Failed == 0;
}
