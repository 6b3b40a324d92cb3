using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Security;

/// <summary>One malformed or malicious request and the status the node must answer it with (0: the connection is refused or cut).</summary>
public sealed record HostileCase(int Expected, Func<SecuredNode, Task<int>> Send);
