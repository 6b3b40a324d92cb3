using Edgewise.Placement;

namespace Edgewise.Lab.Engine;

/// <summary>The policy names a comparison runs by default, in report order.</summary>
public static class LabPolicies
{
    /// <summary>Name of the learned policy, registered by the host when it is built in.</summary>
    public const string Learned = "learned";

    /// <summary>Name of the simulator-only oracle.</summary>
    public const string Oracle = OraclePolicy.PolicyName;

    /// <summary>Every policy of the report: the classic ones, learned, and the oracle.</summary>
    public static IReadOnlyList<string> Default { get; } =
        [.. PlacementPolicies.Names, Learned, Oracle];
}
