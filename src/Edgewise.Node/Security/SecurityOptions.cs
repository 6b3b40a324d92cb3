namespace Edgewise.Node.Security;

/// <summary>
/// How a node authenticates devices and peers, bound from <c>Node:Security</c>. By default every
/// device needs an API key and, when the node has peers or cluster URLs, peers talk mutual TLS
/// with certificates signed by the cluster's certificate authority.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Open mode, for trials and the prototype's sensor script: readings and reads need no API key,
    /// and without cluster certificates peers talk plain HTTP and the internal endpoints trust
    /// anyone who reaches them. The node warns at start while open. Default false.
    /// </summary>
    public bool Open { get; set; }

    /// <summary>The key store file. Default <c>keys.json</c> in the data directory.</summary>
    public string? ApiKeyFile { get; set; }

    /// <summary>PEM file of the cluster's certificate authority, which must have signed every peer's certificate.</summary>
    public string? ClusterCa { get; set; }

    /// <summary>PEM file of this node's certificate, signed by <see cref="ClusterCa"/>.</summary>
    public string? ClusterCertificate { get; set; }

    /// <summary>PEM file of this node's private key.</summary>
    public string? ClusterKey { get; set; }

    /// <summary>True when all three cluster files are set.</summary>
    public bool HasClusterCertificates =>
        !string.IsNullOrWhiteSpace(ClusterCa)
        && !string.IsNullOrWhiteSpace(ClusterCertificate)
        && !string.IsNullOrWhiteSpace(ClusterKey);
}
