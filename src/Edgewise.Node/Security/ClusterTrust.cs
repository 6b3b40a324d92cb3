using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edgewise.Node.Hosting;

namespace Edgewise.Node.Security;

/// <summary>
/// This node's cluster identity and the one authority it trusts: the certificate it presents to
/// peers (as server and as client) and the check that a peer's certificate was signed by the
/// cluster's authority. The system's trust store plays no part, so a certificate from any public
/// authority is refused.
/// </summary>
internal sealed class ClusterTrust : IDisposable
{
    private const int MaxRemembered = 1_024;

    private readonly X509Certificate2 _authority;
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    private ClusterTrust(X509Certificate2 authority, X509Certificate2 certificate)
    {
        _authority = authority;
        Certificate = certificate;
    }

    /// <summary>This node's certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Reads the three PEM files; a file that cannot be used stops the node with its name.</summary>
    public static ClusterTrust Load(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var authority = X509CertificateLoader.LoadCertificateFromFile(options.ClusterCa!);
            using var pem = X509Certificate2.CreateFromPemFile(options.ClusterCertificate!, options.ClusterKey);

            // A key read from PEM is ephemeral; TLS on Windows needs it in a store-backed form,
            // which a PKCS#12 round trip gives on every platform.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
            var trust = new ClusterTrust(authority, certificate);
            if (!trust.IsSignedByAuthority(certificate, ClusterCertificates.ServerAuth))
            {
                throw new NodeStartupException(
                    $"{options.ClusterCertificate} was not signed by the authority in {options.ClusterCa} "
                    + "(or has expired, or is not for server and client use); issue it with `edgewise certs node`.");
            }

            return trust;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            // ArgumentException: a key that does not belong to the certificate.
            throw new NodeStartupException(
                $"The cluster certificate files ({options.ClusterCa}, {options.ClusterCertificate}, {options.ClusterKey}) "
                + $"could not be read: {exception.Message}",
                exception);
        }
    }

    /// <summary>TLS settings for calling peers: present this node's certificate, accept only the cluster's.</summary>
    public SslClientAuthenticationOptions ClientOptions() => new()
    {
        ClientCertificateContext = SslStreamCertificateContext.Create(Certificate, additionalCertificates: null, offline: true),
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is X509Certificate2 peer
            && (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
            && IsSignedByAuthority(peer, ClusterCertificates.ServerAuth),
    };

    /// <summary>
    /// True when <paramref name="certificate"/> chains to the cluster's authority, is within its
    /// validity and allows <paramref name="purpose"/>. Certificates that passed are remembered by
    /// thumbprint (at most 1,024), so the internal endpoints check each request cheaply.
    /// </summary>
    public bool IsSignedByAuthority(X509Certificate2 certificate, Oid purpose)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var remembered = $"{purpose.Value}/{certificate.Thumbprint}";
        if (_verified.ContainsKey(remembered) && certificate.NotAfter > DateTime.Now)
        {
            return true;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(purpose);
        if (!chain.Build(certificate))
        {
            return false;
        }

        if (_verified.Count >= MaxRemembered)
        {
            _verified.Clear();
        }

        _verified[remembered] = true;

        return true;
    }

    public void Dispose()
    {
        _authority.Dispose();
        Certificate.Dispose();
    }
}
