namespace Edgewise.Placement;

/// <summary>The classic policies by name, as configuration and reports spell them.</summary>
public static class PlacementPolicies
{
    /// <summary>The names <see cref="Create"/> accepts ("sed" is also accepted as an alias).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "local",
        "round-robin",
        "random",
        "least-loaded",
        "two-choices",
        "shortest-expected-delay",
    ];

    /// <summary>Creates a new instance of the named policy, ignoring case.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static IPlacementPolicy Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        return name.Trim().ToLowerInvariant() switch
        {
            "local" => new LocalPolicy(),
            "round-robin" => new RoundRobinPolicy(),
            "random" => new RandomPolicy(),
            "least-loaded" => new LeastLoadedPolicy(),
            "two-choices" => new TwoChoicesPolicy(),
            "shortest-expected-delay" or "sed" => new ShortestExpectedDelayPolicy(),
            _ => throw new ArgumentException(
                $"Unknown placement policy '{name}'; valid names are {string.Join(", ", Names)}"
                    + " (or \"sed\").",
                nameof(name)),
        };
    }
}
