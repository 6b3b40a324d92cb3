using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

public sealed class LocalPolicyTests
{
    [Fact]
    public void Choose_SelfIsBusiestAndNotFirst_ReturnsSelf()
    {
        var candidates = new[]
        {
            Candidates.Peer("a"),
            Candidates.Peer("b"),
            Candidates.Self(queue: 100),
        };

        var chosen = new LocalPolicy().Choose(Candidates.Task, candidates, Candidates.Context());

        Assert.Equal(2, chosen);
    }

    [Fact]
    public void Name_IsLocal() => Assert.Equal("local", new LocalPolicy().Name);
}
