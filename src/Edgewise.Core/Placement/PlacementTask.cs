namespace Edgewise.Placement;

/// <summary>What a policy may know of the task it places.</summary>
/// <param name="Kind">What the task computes.</param>
/// <param name="Size">Readings in a scalar batch, or samples in a vibration window.</param>
public readonly record struct PlacementTask(TaskKind Kind, int Size);
