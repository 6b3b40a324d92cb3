using Edgewise.Traces;
using Parquet.Schema;

namespace Edgewise.Learning.Traces;

/// <summary>
/// The columns of a trace file, in file order: who placed the task and where, the placement
/// features under the names of <see cref="PlacementFeatures.Names"/>, and the observed latency.
/// </summary>
internal static class TraceColumns
{
    public static readonly DataField<string> TaskId = new("taskId", nullable: false);
    public static readonly DataField<long> PlacedAtUnixMs = new("placedAtUnixMs", nullable: false);
    public static readonly DataField<string> HomeNodeId = new("homeNodeId", nullable: false);
    public static readonly DataField<string> ChosenNodeId = new("chosenNodeId", nullable: false);
    public static readonly DataField<string> Policy = new("policy", nullable: false);
    public static readonly DataField<bool> Explored = new("explored", nullable: false);
    public static readonly DataField<int> CandidateCount = new("candidateCount", nullable: false);
    public static readonly DataField<int> TaskKind = new("taskKind", nullable: false);
    public static readonly DataField<int> TaskSize = new("taskSize", nullable: false);
    public static readonly DataField<int> QueueLength = new("queueLength", nullable: false);
    public static readonly DataField<int> InFlight = new("inFlight", nullable: false);
    public static readonly DataField<int> Workers = new("workers", nullable: false);
    public static readonly DataField<double> ServiceTimeMs = new("serviceTimeMs", nullable: false);
    public static readonly DataField<double> ViewAgeMs = new("viewAgeMs", nullable: false);
    public static readonly DataField<double> LinkRoundTripMs = new("linkRoundTripMs", nullable: false);
    public static readonly DataField<bool> IsSelf = new("isSelf", nullable: false);
    public static readonly DataField<double> LatencyMs = new("latencyMs", nullable: false);

    /// <summary>The schema every trace file is written with.</summary>
    public static readonly ParquetSchema Schema = new(
        TaskId,
        PlacedAtUnixMs,
        HomeNodeId,
        ChosenNodeId,
        Policy,
        Explored,
        CandidateCount,
        TaskKind,
        TaskSize,
        QueueLength,
        InFlight,
        Workers,
        ServiceTimeMs,
        ViewAgeMs,
        LinkRoundTripMs,
        IsSelf,
        LatencyMs);
}
