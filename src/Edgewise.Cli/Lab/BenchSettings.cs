namespace Edgewise.Cli.Lab;

/// <summary>How the live benchmark runs: which policies, for how long, at what rate, with how many nodes, where.</summary>
/// <param name="Policies">Policies to run, one cluster each.</param>
/// <param name="PolicyAssemblies">User policy assemblies every node loads.</param>
/// <param name="Duration">How long load is offered per policy.</param>
/// <param name="RatePerSecond">Mean task arrival rate over the whole cluster.</param>
/// <param name="MaxNodes">The scenario's first nodes kept (its capacities scaled down to what the machine carries).</param>
/// <param name="Root">Folder for the nodes' stores and logs, one subfolder per scenario and policy.</param>
internal sealed record BenchSettings(
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> PolicyAssemblies,
    TimeSpan Duration,
    double RatePerSecond,
    int MaxNodes,
    string Root);
