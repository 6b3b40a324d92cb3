using System.Net;
using System.Security.Cryptography.X509Certificates;
using Edgewise.Node.Security;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// A cluster authority made once per test run in a temporary folder, and node certificates for
/// 127.0.0.1 made from it on demand (ECDSA P-256: milliseconds each).
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"certs-{Guid.NewGuid():N}");
        ClusterCertificates.CreateAuthority(folder, "Edgewise test CA", DateTimeOffset.UtcNow);

        return folder;
    });

    /// <summary>The folder holding <c>ca.pem</c> and <c>ca.key</c>.</summary>
    public static string Directory => Folder.Value;

    /// <summary>A new certificate for a node reached at 127.0.0.1.</summary>
    public static ClusterCertificateFiles ForNode(string id) =>
        ClusterCertificates.CreateNode(Folder.Value, $"{id}-{Guid.NewGuid():N}", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);

    /// <summary>True when <paramref name="certificate"/> chains to the test authority.</summary>
    public static bool IsSignedByAuthority(X509Certificate2 certificate)
    {
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Folder.Value, ClusterCertificates.CaFile));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;

        return chain.Build(certificate);
    }

    /// <summary>The node settings that turn mutual TLS on with <paramref name="files"/>.</summary>
    public static Dictionary<string, string?> Settings(ClusterCertificateFiles files) => new()
    {
        ["Node:Security:ClusterCa"] = files.Ca,
        ["Node:Security:ClusterCertificate"] = files.Certificate,
        ["Node:Security:ClusterKey"] = files.Key,
    };
}
