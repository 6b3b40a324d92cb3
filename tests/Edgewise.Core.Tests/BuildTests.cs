namespace Edgewise.Core.Tests;

public sealed class BuildTests
{
    [Fact]
    public void Builds() => Assert.Equal(2, 1 + 1);
}
