namespace Edgewise.Lab.Scenarios;

/// <summary>One node of a scenario, or <see cref="Count"/> alike ones named <c>{Id}-1</c> … <c>{Id}-n</c>.</summary>
public sealed record ScenarioNode
{
    /// <summary>Node id (or prefix when <see cref="Count"/> is above 1).</summary>
    public string Id { get; init; } = "";

    /// <summary>How many nodes this entry stands for. Default 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Worker threads. Default 2.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Speed in (0, 1]: a task takes its cost divided by the speed. Default 1.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>One-way latency of this node's access link, in milliseconds; null takes the scenario's.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Bandwidth of this node's access link, in Mbit/s; null takes the scenario's.</summary>
    public double? BandwidthMbps { get; init; }
}
