namespace Edgewise.Node.Cluster;

/// <summary>A peer did not answer, answered with an error, or answered with nonsense.</summary>
public sealed class PeerUnavailableException : Exception
{
    public PeerUnavailableException()
    {
    }

    public PeerUnavailableException(string message)
        : base(message)
    {
    }

    public PeerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
