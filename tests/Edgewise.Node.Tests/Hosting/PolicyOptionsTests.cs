using Edgewise.Node.Hosting;
using Edgewise.Placement;

namespace Edgewise.Node.Tests.Hosting;

public sealed class PolicyOptionsTests
{
    [Fact]
    public void UnknownPolicy_IsRefused_NamingTheSettingAndTheValidNames()
    {
        var problems = NodeOptionsValidation.Problems(new NodeOptions { Policy = "psychic" });

        var problem = Assert.Single(problems, p => p.StartsWith("Node:Policy", StringComparison.Ordinal));
        Assert.Contains("two-choices", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPolicyAssembly_IsRefused_NamingTheFile()
    {
        var options = new NodeOptions { PolicyAssemblies = ["/nowhere/MyPolicies.dll"], Policy = "mine" };

        var problems = NodeOptionsValidation.Problems(options);

        Assert.Contains(problems, p => p.StartsWith("Node:PolicyAssemblies", StringComparison.Ordinal) && p.Contains("MyPolicies.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void AssemblyWithoutPolicies_IsRefused()
    {
        var options = new NodeOptions { PolicyAssemblies = [typeof(PolicyOptionsTests).Assembly.Location] };

        var problems = NodeOptionsValidation.Problems(options);

        Assert.Contains(problems, p => p.Contains("holds no public class implementing IPlacementPolicy", StringComparison.Ordinal));
    }

    [Fact]
    public void AssemblyWithPolicies_RegistersThemByName()
    {
        var options = new NodeOptions { PolicyAssemblies = [typeof(LocalPolicy).Assembly.Location], Policy = "least-loaded" };

        var catalog = NodeOptionsValidation.Catalog(options);

        Assert.Empty(NodeOptionsValidation.Problems(options));
        Assert.Equal("least-loaded", catalog.Create("least-loaded").Name);
    }
}
