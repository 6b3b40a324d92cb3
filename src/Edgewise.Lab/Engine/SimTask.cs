using Edgewise.Placement;

namespace Edgewise.Lab.Engine;

/// <summary>A task in flight, in a reusable slot: memory grows with tasks in flight, not with tasks run.</summary>
internal struct SimTask
{
    public long Id;
    public int Home;
    public int HomeEpoch;
    public int Node;
    public int Attempts;
    public TaskKind Kind;
    public int Size;
    public double CostMs;
    public double PlacedAtMs;
    public double ServiceMs;
    public double StartedAtMs;
    public int ReplyQueue;
    public int ReplyInFlight;
    public double ReplyServiceMs;
    public int CandidateCount;
}
