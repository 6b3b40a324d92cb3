using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class PlacementPoliciesTests
{
    [Fact]
    public void Create_EveryListedName_ReturnsPolicyOfThatName()
    {
        foreach (var name in PlacementPolicies.Names)
        {
            Assert.Equal(name, PlacementPolicies.Create(name).Name);
        }
    }

    [Theory]
    [InlineData("SED", typeof(ShortestExpectedDelayPolicy))]
    [InlineData("sed", typeof(ShortestExpectedDelayPolicy))]
    [InlineData("Two-Choices", typeof(TwoChoicesPolicy))]
    [InlineData("LEAST-LOADED", typeof(LeastLoadedPolicy))]
    public void Create_AliasOrOtherCase_ReturnsThePolicy(string name, Type expected)
    {
        Assert.IsType(expected, PlacementPolicies.Create(name));
    }

    [Fact]
    public void Create_UnknownName_ThrowsListingValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => PlacementPolicies.Create("fastest"));

        Assert.Contains("'fastest'", error.Message, StringComparison.Ordinal);
        foreach (var name in PlacementPolicies.Names)
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Create_RoundRobinTwice_ReturnsIndependentCounters()
    {
        var candidates = new[] { Candidates.Self(), Candidates.Peer("a") };
        var context = Candidates.Context();
        var first = PlacementPolicies.Create("round-robin");
        var second = PlacementPolicies.Create("round-robin");

        first.Choose(Candidates.Task, candidates, context);

        Assert.Equal(0, second.Choose(Candidates.Task, candidates, context));
    }
}
