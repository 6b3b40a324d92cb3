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
    /// Simulates each of <paramref name="policies"/> on <paramref name="scenario"/>. A name the
    /// catalogue lacks (and that is not "oracle") is reported as not available instead of failing
    /// the whole comparison. <paramref name="traces"/> gives the sink for a policy's traces, or null.
    /// </summary>
    public ComparisonResult Run(
        Scenario scenario,
        string? scenarioDirectory,
        IEnumerable<string> policies,
        Func<string, ITraceSink?>? traces = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(policies);

        var results = new List<SimulationResult>();
        var missing = new List<string>();
        Workload? workload = null;
        foreach (var name in policies)
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
                missing.Add(name);
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
}
