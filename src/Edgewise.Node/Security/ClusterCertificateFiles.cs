namespace Edgewise.Node.Security;

/// <summary>The three PEM files a node needs for mutual TLS with its peers.</summary>
/// <param name="Ca">The cluster's certificate authority (certificate only).</param>
/// <param name="Certificate">The node's certificate, signed by the authority.</param>
/// <param name="Key">The node's private key.</param>
public sealed record ClusterCertificateFiles(string Ca, string Certificate, string Key);
