namespace Edgewise.Node.Tests.Cluster;

/// <summary>How the nodes of a test cluster call each other.</summary>
public enum PeerLinks
{
    /// <summary>https cluster listeners, client certificates required, HTTP/2 by ALPN.</summary>
    MutualTls,

    /// <summary>As <see cref="MutualTls"/>, with peer calls configured to HTTP/1.1.</summary>
    MutualTlsHttp11,

    /// <summary>Open mode: plain HTTP to the devices' addresses, falling back to HTTP/1.1.</summary>
    OpenOnDeviceAddresses,
}
