using Edgewise.Node.Cluster;
using Edgewise.Node.Telemetry;

namespace Edgewise.Node.Api;

/// <summary>GET /api/v1/stats: what a node received, where its work ran, and its latency.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Policy">Its placement policy.</param>
/// <param name="Workers">Its worker count.</param>
/// <param name="Speed">Its speed factor; below 1 the node is slowed down on purpose.</param>
/// <param name="Emulated">True when worker count or speed emulate unequal hardware.</param>
/// <param name="UptimeSeconds">Seconds since start.</param>
/// <param name="ReadingsReceived">New readings accepted.</param>
/// <param name="ReadingsDuplicate">Retries of readings accepted before (acknowledged, not processed again).</param>
/// <param name="ReadingsRejected">Readings refused.</param>
/// <param name="TasksCreated">Tasks made from this node's readings.</param>
/// <param name="TasksCompleted">Of those, tasks whose results are stored.</param>
/// <param name="TasksDoneHere">Own tasks computed here.</param>
/// <param name="ReadingsDoneHere">Readings in those tasks.</param>
/// <param name="TasksDoneForPeers">Peers' tasks computed here.</param>
/// <param name="ReadingsDoneForPeers">Readings in those tasks.</param>
/// <param name="SentToPeers">Own tasks computed by each peer, by peer id.</param>
/// <param name="TasksFailedOnPeers">Attempts on peers that failed or timed out (each task was placed again).</param>
/// <param name="TasksPending">Tasks placed and not yet completed.</param>
/// <param name="ReadingsWaiting">Readings waiting in a batch.</param>
/// <param name="QueueLength">Tasks waiting for a worker.</param>
/// <param name="InFlight">Tasks being computed.</param>
/// <param name="ServiceTimeMs">Smoothed time a task holds a worker.</param>
/// <param name="Latency">Task latency, creation to stored result.</param>
/// <param name="Peers">The peers as this node sees them.</param>
/// <param name="ReadingsPending">Readings accepted and not yet applied, wherever they are (the backpressure count).</param>
/// <param name="RequestsRefusedOverloaded">Ingest requests answered 503 because the pending readings were at their limit.</param>
/// <param name="Placement">Placements by how they were made, prediction accuracy and traces.</param>
public sealed record StatsResponse(
    string NodeId,
    string Policy,
    int Workers,
    double Speed,
    bool Emulated,
    double UptimeSeconds,
    long ReadingsReceived,
    long ReadingsDuplicate,
    long ReadingsRejected,
    long TasksCreated,
    long TasksCompleted,
    long TasksDoneHere,
    long ReadingsDoneHere,
    long TasksDoneForPeers,
    long ReadingsDoneForPeers,
    IReadOnlyDictionary<string, PeerWork> SentToPeers,
    long TasksFailedOnPeers,
    int TasksPending,
    int ReadingsWaiting,
    int QueueLength,
    int InFlight,
    double ServiceTimeMs,
    LatencySummary Latency,
    IReadOnlyList<PeerSnapshot> Peers,
    long ReadingsPending,
    long RequestsRefusedOverloaded,
    PlacementSummary Placement);
