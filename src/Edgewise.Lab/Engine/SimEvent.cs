namespace Edgewise.Lab.Engine;

/// <summary>An event in the simulator's queue; a struct so scheduling one allocates nothing.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Task">Slot of the task concerned, or -1.</param>
/// <param name="Node">Index of the node concerned.</param>
/// <param name="Epoch">The node's failure epoch when the event was scheduled; a stale one is ignored.</param>
internal readonly record struct SimEvent(EventKind Kind, int Task, int Node, int Epoch);
