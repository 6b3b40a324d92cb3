namespace Edgewise.Node.Hosting;

/// <summary>A node cannot start for a reason its operator can fix; the message says which and how.</summary>
public sealed class NodeStartupException : Exception
{
    public NodeStartupException()
    {
    }

    public NodeStartupException(string message)
        : base(message)
    {
    }

    public NodeStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
