namespace Edgewise.Tasks;

/// <summary>The result of computing a task, returned by whichever node computed it.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="ProcessedBy">Id of the node that computed it.</param>
/// <param name="Readings">One outcome per reading, in the task's order.</param>
/// <param name="Batch">Statistics of the batch's values per kind, for the home node to merge.</param>
/// <param name="ServiceTimeMs">Time the task held a worker, including emulated slowness.</param>
public sealed record TaskOutcome(
    string TaskId,
    string ProcessedBy,
    IReadOnlyList<ReadingOutcome> Readings,
    IReadOnlyList<KindBaseline> Batch,
    double ServiceTimeMs);
