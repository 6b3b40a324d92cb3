namespace Edgewise.Lab.Scenarios;

/// <summary>
/// A workload plus a cluster shape, read from a JSON file: the simulator runs it, the live
/// benchmark starts real nodes with its capacities and drives its load. The seed fixes every
/// random draw of the workload, so every policy in one comparison sees the same arrivals.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short name used in reports and file names.</summary>
    public string Name { get; init; } = "";

    /// <summary>What the scenario shows, one or two sentences.</summary>
    public string? Description { get; init; }

    /// <summary>Seed of the workload's random draws (arrivals, devices, costs). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Tasks that arrive before the run stops taking new ones. Default 100,000.</summary>
    public long Tasks { get; init; } = 100_000;

    /// <summary>The nodes; an entry with <see cref="ScenarioNode.Count"/> above 1 stands for that many alike.</summary>
    public List<ScenarioNode> Nodes { get; init; } = [];

    /// <summary>Default access link of every node.</summary>
    public LinkSpec Links { get; init; } = new();

    /// <summary>How often each node sends its load report to every peer, in milliseconds. Default 250 (the node's default).</summary>
    public double LoadReportIntervalMs { get; init; } = 250;

    /// <summary>Devices and how they are attached to home nodes.</summary>
    public DeviceSpec Devices { get; init; } = new();

    /// <summary>What the tasks are and what they cost.</summary>
    public WorkloadSpec Workload { get; init; } = new();

    /// <summary>When tasks arrive.</summary>
    public ArrivalSpec Arrivals { get; init; } = new();

    /// <summary>Nodes that fail during the run and, optionally, come back.</summary>
    public List<FailureSpec> Failures { get; init; } = [];
}
