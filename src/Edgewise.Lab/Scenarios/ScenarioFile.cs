using System.Text.Json;

namespace Edgewise.Lab.Scenarios;

/// <summary>Reads scenario files (JSON, comments and trailing commas allowed, unknown fields refused) and checks them.</summary>
public static class ScenarioFile
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>Reads and checks the scenario at <paramref name="path"/>.</summary>
    /// <exception cref="ScenarioException">The file is missing, is not valid JSON, or breaks a rule.</exception>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ScenarioException($"Scenario file '{path}' does not exist.");
        }

        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), _options);
        }
        catch (JsonException exception)
        {
            throw new ScenarioException(
                $"{path}: line {(exception.LineNumber ?? 0) + 1}, field {exception.Path}: {FirstSentence(exception.Message)}",
                exception);
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{path}: the file holds null, not a scenario.");
        }

        if (string.IsNullOrWhiteSpace(scenario.Name))
        {
            scenario = scenario with { Name = Path.GetFileNameWithoutExtension(path) };
        }

        var problems = Problems(scenario);
        if (problems.Count > 0)
        {
            throw new ScenarioException($"{path}: {string.Join(" ", problems)}");
        }

        return scenario;
    }

    /// <summary>Writes <paramref name="scenario"/> as indented JSON.</summary>
    public static string Serialize(Scenario scenario) => JsonSerializer.Serialize(scenario, _options);

    /// <summary>The rules <paramref name="scenario"/> breaks, each naming its field; empty when it is sound.</summary>
    public static IReadOnlyList<string> Problems(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var problems = new List<string>();
        if (scenario.Tasks < 1)
        {
            problems.Add($"tasks must be at least 1 (got {scenario.Tasks}).");
        }

        if (scenario.Nodes.Count == 0)
        {
            problems.Add("nodes must list at least one node.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < scenario.Nodes.Count; i++)
        {
            var node = scenario.Nodes[i];
            var field = $"nodes[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add($"{field}.id is missing.");
            }

            if (node.Count is < 1 or > 10_000)
            {
                problems.Add($"{field}.count must be between 1 and 10000 (got {node.Count}).");
            }

            if (node.Workers is < 1 or > 1024)
            {
                problems.Add($"{field}.workers must be between 1 and 1024 (got {node.Workers}).");
            }

            if (!(node.Speed > 0 && node.Speed <= 1))
            {
                problems.Add($"{field}.speed must be in (0, 1] (got {node.Speed}).");
            }

            if (node.LatencyMs is < 0 || node.BandwidthMbps is <= 0)
            {
                problems.Add($"{field}.latencyMs must not be negative and bandwidthMbps must be positive.");
            }

            foreach (var id in ExpandIds(node))
            {
                if (!ids.Add(id))
                {
                    problems.Add($"{field}: node id '{id}' appears twice.");
                }
            }
        }

        if (scenario.Links.LatencyMs < 0 || !(scenario.Links.BandwidthMbps > 0))
        {
            problems.Add("links.latencyMs must not be negative and links.bandwidthMbps must be positive.");
        }

        if (!(scenario.LoadReportIntervalMs > 0))
        {
            problems.Add($"loadReportIntervalMs must be positive (got {scenario.LoadReportIntervalMs}).");
        }

        DeviceProblems(scenario, ids, problems);
        WorkloadProblems(scenario.Workload, problems);
        ArrivalProblems(scenario.Arrivals, problems);
        for (var i = 0; i < scenario.Failures.Count; i++)
        {
            var failure = scenario.Failures[i];
            if (!ids.Contains(failure.Node))
            {
                problems.Add($"failures[{i}].node '{failure.Node}' is not a node of the scenario.");
            }

            if (failure.DownAtMs < 0 || failure.UpAtMs is { } up && up <= failure.DownAtMs)
            {
                problems.Add($"failures[{i}]: downAtMs must not be negative and upAtMs must come after it.");
            }
        }

        return problems;
    }

    /// <summary>The node ids an entry stands for.</summary>
    public static IEnumerable<string> ExpandIds(ScenarioNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Count == 1)
        {
            yield return node.Id;
            yield break;
        }

        for (var k = 1; k <= node.Count; k++)
        {
            yield return $"{node.Id}-{k}";
        }
    }

    private static void DeviceProblems(Scenario scenario, HashSet<string> ids, List<string> problems)
    {
        var devices = scenario.Devices;
        if (devices.Count < 1)
        {
            problems.Add($"devices.count must be at least 1 (got {devices.Count}).");
        }

        if (devices.Homes is not ("uniform" or "zipf" or "hot-spot"))
        {
            problems.Add($"devices.homes must be \"uniform\", \"zipf\" or \"hot-spot\" (got '{devices.Homes}').");
        }

        if (devices.HotNode is { } hot && !ids.Contains(hot))
        {
            problems.Add($"devices.hotNode '{hot}' is not a node of the scenario.");
        }

        if (devices.HotShare is < 0 or > 1 || devices.ZipfExponent < 0)
        {
            problems.Add("devices.hotShare must be in [0, 1] and devices.zipfExponent must not be negative.");
        }
    }

    private static void WorkloadProblems(WorkloadSpec workload, List<string> problems)
    {
        if (workload.VibrationShare is < 0 or > 1)
        {
            problems.Add($"workload.vibrationShare must be in [0, 1] (got {workload.VibrationShare}).");
        }

        if (workload.ScalarBatchReadings < 1 || workload.VibrationWindowSamples < 2)
        {
            problems.Add("workload.scalarBatchReadings must be at least 1 and workload.vibrationWindowSamples at least 2.");
        }

        if (workload.Costs is not ("calibrated" or "exponential" or "deterministic"))
        {
            problems.Add($"workload.costs must be \"calibrated\", \"exponential\" or \"deterministic\" (got '{workload.Costs}').");
        }

        if (!(workload.MeanCostMs > 0) || !(workload.CostScale > 0))
        {
            problems.Add("workload.meanCostMs and workload.costScale must be positive.");
        }
    }

    private static void ArrivalProblems(ArrivalSpec arrivals, List<string> problems)
    {
        if (arrivals.Process is not ("poisson" or "bursty" or "diurnal" or "replay"))
        {
            problems.Add($"arrivals.process must be \"poisson\", \"bursty\", \"diurnal\" or \"replay\" (got '{arrivals.Process}').");
        }

        if (arrivals.RatePerSecond is { } rate ? !(rate > 0) : !(arrivals.Utilisation > 0))
        {
            problems.Add("arrivals.ratePerSecond (or, without it, arrivals.utilisation) must be positive.");
        }

        if (!(arrivals.OnMs > 0) || !(arrivals.OffMs > 0) || !(arrivals.PeriodMs > 0) || !(arrivals.MaxGapSeconds > 0))
        {
            problems.Add("arrivals.onMs, arrivals.offMs, arrivals.periodMs and arrivals.maxGapSeconds must be positive.");
        }

        if (arrivals.Amplitude is < 0 or >= 1)
        {
            problems.Add($"arrivals.amplitude must be in [0, 1) (got {arrivals.Amplitude}).");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);

        return end > 0 ? message[..(end + 1)] : message;
    }
}
