namespace Edgewise.Lab.Engine;

/// <summary>What happens at a simulated instant.</summary>
internal enum EventKind : byte
{
    /// <summary>A device's task arrives at its home node.</summary>
    Arrival,

    /// <summary>An offloaded task reaches the peer that will run it.</summary>
    TaskAtPeer,

    /// <summary>A worker finishes a task.</summary>
    ServiceDone,

    /// <summary>A peer's reply reaches the task's home node.</summary>
    ReplyAtHome,

    /// <summary>A home node learns that a peer failed its task (connection refused or reset).</summary>
    PeerFailedTask,

    /// <summary>A node sends its periodic load report.</summary>
    LoadReport,

    /// <summary>A node fails.</summary>
    NodeDown,

    /// <summary>A node comes back.</summary>
    NodeUp,

    /// <summary>Queue lengths are sampled for the chart.</summary>
    Sample,
}
