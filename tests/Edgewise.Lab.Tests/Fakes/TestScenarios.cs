using Edgewise.Lab.Scenarios;

namespace Edgewise.Lab.Tests.Fakes;

/// <summary>Small scenarios built in code, with textbook costs so they need no calibration file.</summary>
internal static class TestScenarios
{
    /// <summary>One node with <paramref name="workers"/> workers, Poisson arrivals, exponential costs of mean 1 ms.</summary>
    public static Scenario Station(int workers, double ratePerMs, long tasks) => new()
    {
        Name = "station",
        Seed = 7,
        Tasks = tasks,
        Nodes = [new ScenarioNode { Id = "node", Workers = workers, Speed = 1 }],
        Devices = new DeviceSpec { Count = 10 },
        Workload = new WorkloadSpec { Costs = "exponential", MeanCostMs = 1 },
        Arrivals = new ArrivalSpec { Process = "poisson", RatePerSecond = ratePerMs * 1000 },
    };

    /// <summary>Four nodes, one of them four times slower, exponential costs, reports every <paramref name="reportMs"/>.</summary>
    public static Scenario Heterogeneous(long tasks, double reportMs = 250) => new()
    {
        Name = "small-heterogeneous",
        Seed = 11,
        Tasks = tasks,
        Nodes =
        [
            new ScenarioNode { Id = "slow", Workers = 2, Speed = 0.25 },
            new ScenarioNode { Id = "node", Count = 3, Workers = 2, Speed = 1 },
        ],
        LoadReportIntervalMs = reportMs,
        Devices = new DeviceSpec { Count = 100 },
        Workload = new WorkloadSpec { Costs = "exponential", MeanCostMs = 1, VibrationShare = 0.5 },
        Arrivals = new ArrivalSpec { Process = "poisson", Utilisation = 0.7 },
    };
}
