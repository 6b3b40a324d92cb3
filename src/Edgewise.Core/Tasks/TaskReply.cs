using Edgewise.Placement;

namespace Edgewise.Tasks;

/// <summary>A peer's answer to an offloaded task: the outcome and the peer's load after it.</summary>
public sealed record TaskReply(TaskOutcome Outcome, LoadReport Load);
