using Edgewise.Lab.Engine;
using Edgewise.Lab.Tests.Fakes;
using Edgewise.Placement;

namespace Edgewise.Lab.Tests.Engine;

/// <summary>
/// The simulator against textbook queueing results: one node running every task itself is an
/// M/M/c queue. Tolerances are stated per test; a fixed seed makes each run reproducible.
/// </summary>
public sealed class QueueingTheoryTests
{
    [Theory]
    [InlineData(0.5, 0.02)]
    [InlineData(0.8, 0.04)]
    public void MM1_MeanTimeInSystem_MatchesOneOverMuMinusLambda(double rho, double tolerance)
    {
        // μ = 1 per ms; W = 1 / (μ − λ).
        var result = Run(TestScenarios.Station(workers: 1, ratePerMs: rho, tasks: 1_000_000));

        var expected = 1 / (1 - rho);
        Assert.Equal(1_000_000, result.Completed);
        Assert.InRange(result.MeanMs, expected * (1 - tolerance), expected * (1 + tolerance));
    }

    [Fact]
    public void MMc_MeanTimeInSystem_MatchesErlangC()
    {
        // c = 4 workers, μ = 1 per ms, λ = 3.2 per ms (ρ = 0.8): W = C(c, a) / (cμ − λ) + 1/μ.
        const int c = 4;
        const double lambda = 3.2;
        var result = Run(TestScenarios.Station(workers: c, ratePerMs: lambda, tasks: 1_000_000));

        var expected = (ErlangC(c, lambda) / (c - lambda)) + 1;
        Assert.InRange(result.MeanMs, expected * 0.97, expected * 1.03);
    }

    [Fact]
    public void ErlangC_OfKnownCase_IsRight()
    {
        // Two servers at offered load 1 Erlang: C = 1/3.
        Assert.Equal(1.0 / 3, ErlangC(2, 1), 9);
    }

    private static SimulationResult Run(Lab.Scenarios.Scenario scenario) =>
        new Comparison(new PolicyCatalog()).Run(scenario, null, ["local"]).Results[0];

    /// <summary>Probability that an arrival waits in an M/M/c queue with offered load <paramref name="a"/> = λ/μ.</summary>
    private static double ErlangC(int c, double a)
    {
        var term = 1.0;
        var sum = 1.0;
        for (var k = 1; k < c; k++)
        {
            term *= a / k;
            sum += term;
        }

        var last = term * a / c * (c / (c - a));

        return last / (sum + last);
    }
}
