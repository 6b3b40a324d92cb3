using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Security;

/// <summary>One <see cref="SecuredNode"/> shared by the cases of a test class.</summary>
public sealed class SecuredNodeFixture : IAsyncDisposable
{
    private readonly Lazy<Task<SecuredNode>> _node = new(() => SecuredNode.StartAsync("hostile"));

    public Task<SecuredNode> NodeAsync() => _node.Value;

    public async ValueTask DisposeAsync()
    {
        if (_node.IsValueCreated)
        {
            await (await _node.Value).DisposeAsync();
        }
    }
}
