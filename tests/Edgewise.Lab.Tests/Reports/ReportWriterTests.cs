using Edgewise.Lab.Engine;
using Edgewise.Lab.Reports;
using Edgewise.Lab.Scenarios;
using Edgewise.Lab.Tests.Scenarios;
using Edgewise.Placement;

namespace Edgewise.Lab.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgewise-report").FullName;

    [Fact]
    public void WriteSection_CommittedScenarioWithCalibratedCosts_WritesTableAndCharts()
    {
        var scenario = ScenarioFile.Load(Path.Combine(ScenarioFileTests.RepositoryRoot(), "scenarios", "heterogeneous.json")) with { Tasks = 20_000 };
        var comparison = new Comparison(new PolicyCatalog()).Run(scenario, null, ["local", "two-choices", "learned", "oracle"]);

        var markdown = ReportWriter.WriteSection(comparison, "simulated", _folder);

        Assert.Contains("| two-choices | 20,000 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| learned | not available in this build |", markdown, StringComparison.Ordinal);
        Assert.Contains("slow (2×0.25)", markdown, StringComparison.Ordinal);
        var cdf = new FileInfo(Path.Combine(_folder, "heterogeneous-simulated-cdf.png"));
        Assert.True(cdf.Length > 10_000);
        Assert.True(File.Exists(Path.Combine(_folder, "heterogeneous-simulated-queues-oracle.png")));
    }

    [Fact]
    public void ReplayScenario_ReadsTheLoRaWanLog()
    {
        var scenario = ScenarioFile.Load(Path.Combine(ScenarioFileTests.RepositoryRoot(), "scenarios", "lorawan-replay.json")) with { Tasks = 5_000 };

        var result = new Comparison(new PolicyCatalog()).Run(scenario, null, ["local"]).Results[0];

        Assert.Equal(5_000, result.Completed);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
