using Edgewise.Placement;

namespace Edgewise.Lab.Engine;

/// <summary>
/// The simulator's yardstick, which no live node can run: it knows every node's true queue, the
/// real cost of every task queued, running or in transit, and the real cost of the task it
/// places, and sends the task where it would be back at its home node first. A tie goes to the
/// node itself. Its knowledge is exact as long as tasks reach a node in the order they were placed.
/// </summary>
internal sealed class OraclePolicy : IPlacementPolicy
{
    /// <summary>The name reports and the command line use.</summary>
    public const string PolicyName = "oracle";

    private SimulationEngine? _engine;

    public string Name => PolicyName;

    public void Attach(SimulationEngine engine) => _engine = engine;

    public int Choose(PlacementTask task, IReadOnlyList<PlacementCandidate> candidates, PlacementContext context)
    {
        var engine = _engine ?? throw new InvalidOperationException("The oracle runs only inside the simulator.");
        var slot = engine.PlacingTask;
        var best = 0;
        var bestMs = engine.TrueCompletionMs(0, slot);
        for (var i = 1; i < candidates.Count; i++)
        {
            var ms = engine.TrueCompletionMs(i, slot);
            if (ms < bestMs)
            {
                best = i;
                bestMs = ms;
            }
        }

        return best;
    }
}
