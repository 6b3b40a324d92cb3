namespace Edgewise.Lab.Scenarios;

/// <summary>The devices of a scenario and how they are attached to home nodes.</summary>
public sealed record DeviceSpec
{
    /// <summary>Number of devices; each arrival comes from one drawn uniformly. Default 1,000.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>
    /// How devices are spread over home nodes: "uniform", "zipf" (node k gets weight 1/k^s in
    /// the order the nodes are listed) or "hot-spot" (<see cref="HotShare"/> of the devices on
    /// <see cref="HotNode"/>, the rest uniform over the others). Default "uniform".
    /// </summary>
    public string Homes { get; init; } = "uniform";

    /// <summary>Exponent s of the Zipf spread. Default 1.</summary>
    public double ZipfExponent { get; init; } = 1;

    /// <summary>The hot node's id for "hot-spot"; default the first node.</summary>
    public string? HotNode { get; init; }

    /// <summary>Share of the devices on the hot node, in [0, 1]. Default 0.8.</summary>
    public double HotShare { get; init; } = 0.8;
}
