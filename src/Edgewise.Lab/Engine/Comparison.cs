using Edgewise.Lab.Scenarios;
using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Lab.Engine;

/// <summary>
/// Runs several policies on one scenario in the simulator. Every run rebuilds the workload from
/// the scenario's seed, so every policy sees exactly the same arrivals, devices and costs; the
/// policy's own random source is seeded apart from them.
/// </summary>
public sealed class Comparison(PolicyCatalog catalog)
{
    /// <summary>
    /// Simulates each of <paramref name="policies"/> on <paramref name="scenario"/>. "learned",
    /// when the catalogue lacks it, is reported as not available in this build; any other unknown
    /// name fails before anything runs. <paramref name="traces"/> gives the sink for a policy's
    /// traces, or null.
    /// </summary>
    /// <exception cref="ArgumentException">A policy name is unknown.</exception>
    public ComparisonResult Run(
        Scenario scenario,
        string? scenarioDirectory,
        IEnumerable<string> policies,
        Func<string, ITraceSink?>? traces = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policies);

        var names = policies.ToList();
        var missing = Unavailable(catalog, names, LabPolicies.Oracle);
        var results = new List<SimulationResult>();
        Workload? workload = null;
        foreach (var name in names)
        {
            IPlacementPolicy policy;
            if (string.Equals(name, LabPolicies.Oracle, StringComparison.OrdinalIgnoreCase))
            {
                policy = new OraclePolicy();
            }
            else if (catalog.Contains(name))
            {
                policy = catalog.Create(name);
            }
            else
            {
                continue;
            }

            workload = new Workload(scenario, scenarioDirectory);
            var engine = new SimulationEngine(workload, policy, unchecked((scenario.Seed * 7) + 11), traces?.Invoke(policy.Name));
            results.Add(engine.Run());
        }

        return new ComparisonResult(
            scenario,
            results,
            missing,
            workload?.OfferedUtilisation ?? 0,
            workload?.MeanCostMs ?? 0);
    }

    /// <summary>
    /// The names among <paramref name="names"/> to list as not available: "learned" when the
    /// catalogue lacks it. Throws for any other name neither in the catalogue nor in <paramref name="extra"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown.</exception>
    public static List<string> Unavailable(PolicyCatalog catalog, IEnumerable<string> names, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(names);

        var missing = new List<string>();
        foreach (var name in names)
        {
            if (catalog.Contains(name) || extra.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!string.Equals(name, LabPolicies.Learned, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Unknown placement policy '{name}'; valid names are {string.Join(", ", catalog.Names)}, {LabPolicies.Oracle} (simulator only), {LabPolicies.Learned}.");
            }

            missing.Add(name);
        }

        return missing;
    }
}
