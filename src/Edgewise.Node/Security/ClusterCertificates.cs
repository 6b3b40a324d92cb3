using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Edgewise.Node.Security;

/// <summary>
/// Makes the cluster's certificate authority and the nodes' certificates with .NET's own
/// cryptography (ECDSA P-256), as PEM files in one folder: <c>ca.pem</c> and <c>ca.key</c>, then
/// <c>&lt;id&gt;.pem</c> and <c>&lt;id&gt;.key</c> per node. Private keys are written readable by
/// their owner only. The authority's key signs nodes and belongs on the machine that issues them.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>File name of the authority's certificate.</summary>
    public const string CaFile = "ca.pem";

    /// <summary>File name of the authority's private key.</summary>
    public const string CaKeyFile = "ca.key";

    /// <summary>Object id of the TLS server purpose (RFC 5280).</summary>
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>Object id of the TLS client purpose (RFC 5280).</summary>
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan NodeLifetime = TimeSpan.FromDays(825);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromHours(1);

    /// <summary>Creates a new certificate authority in <paramref name="directory"/>; refuses to replace one.</summary>
    /// <returns>The path of the authority's certificate.</returns>
    public static string CreateAuthority(string directory, string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var certificatePath = Path.Combine(directory, CaFile);
        if (File.Exists(certificatePath) || File.Exists(Path.Combine(directory, CaKeyFile)))
        {
            throw new IOException($"{certificatePath} already exists; a new authority would orphan every node it signed.");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now - ClockSkew, now + AuthorityLifetime);

        Directory.CreateDirectory(directory);
        PrivateFile.Write(Path.Combine(directory, CaKeyFile), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());

        return certificatePath;
    }

    /// <summary>
    /// Creates a node's certificate signed by the authority in <paramref name="directory"/>, for
    /// both server and client use, naming the host names and addresses its peers dial.
    /// </summary>
    public static ClusterCertificateFiles CreateNode(
        string directory,
        string id,
        IReadOnlyList<string> dnsNames,
        IReadOnlyList<IPAddress> addresses,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(dnsNames);
        ArgumentNullException.ThrowIfNull(addresses);
        if (string.IsNullOrWhiteSpace(id) || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id.StartsWith('.'))
        {
            throw new ArgumentException($"'{id}' cannot name a node's certificate file.", nameof(id));
        }

        if (dnsNames.Count == 0 && addresses.Count == 0)
        {
            throw new ArgumentException("A node's certificate needs at least one host name or address its peers dial.");
        }

        var caPath = Path.Combine(directory, CaFile);
        var caKeyPath = Path.Combine(directory, CaKeyFile);
        if (!File.Exists(caPath) || !File.Exists(caKeyPath))
        {
            throw new FileNotFoundException(
                $"No certificate authority in {directory} ({CaFile} and {CaKeyFile}); create one with `edgewise certs init`.");
        }

        using var authority = X509Certificate2.CreateFromPemFile(caPath, caKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={id}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));

        var notAfter = now + NodeLifetime < authority.NotAfter ? now + NodeLifetime : new DateTimeOffset(authority.NotAfter);
        using var certificate = request.Create(authority, now - ClockSkew, notAfter, RandomNumberGenerator.GetBytes(16));

        var files = new ClusterCertificateFiles(caPath, Path.Combine(directory, $"{id}.pem"), Path.Combine(directory, $"{id}.key"));
        PrivateFile.Write(files.Key, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(files.Certificate, certificate.ExportCertificatePem());

        return files;
    }
}
