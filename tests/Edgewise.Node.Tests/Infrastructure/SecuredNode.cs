using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// A node with everything on: API keys (one for every device, one scoped to <c>scoped-*</c>, one
/// revoked), an https cluster listener requiring client certificates from the test authority,
/// and short header and body timeouts so slow-client cases end quickly.
/// </summary>
public sealed class SecuredNode : IAsyncDisposable
{
    private SecuredNode(TestNode node, int clusterPort, ClusterCertificateFiles certificates, string scopedKey, string revokedKey)
    {
        Node = node;
        ClusterPort = clusterPort;
        Certificates = certificates;
        ScopedKey = scopedKey;
        RevokedKey = revokedKey;
    }

    public TestNode Node { get; }

    public int Port => Node.BaseAddress.Port;

    public int ClusterPort { get; }

    public ClusterCertificateFiles Certificates { get; }

    public string Key => Node.ApiKey;

    public string ScopedKey { get; }

    public string RevokedKey { get; }

    public static async Task<SecuredNode> StartAsync(string id, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var ports = LoopbackPorts.Reserve(2);
        var data = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"{id}-{Guid.NewGuid():N}");
        var keys = KeyStore.PathIn(data);
        var (_, scoped) = KeyStore.Create(keys, "scoped", ["scoped-*"], DateTimeOffset.UtcNow);
        var (revokedRecord, revoked) = KeyStore.Create(keys, "revoked", [], DateTimeOffset.UtcNow);
        KeyStore.Revoke(keys, revokedRecord.Id, DateTimeOffset.UtcNow);

        var certificates = TestCertificates.ForNode(id);
        var settings = TestCertificates.Settings(certificates);
        settings["Node:ClusterUrls:0"] = $"https://127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}";
        settings["Node:Limits:RequestHeadersTimeout"] = "00:00:02";
        settings["Node:Limits:MinBodyRateGrace"] = "00:00:02";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var node = await TestNode.StartAsync(id, ports[0], settings: settings, dataDirectory: data);

        return new SecuredNode(node, ports[1], certificates, scoped, revoked);
    }

    /// <summary>A client of the cluster listener presenting <paramref name="certificate"/> (or none).</summary>
    public HttpClient ClusterClient(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is X509Certificate2 server && TestCertificates.IsSignedByAuthority(server),
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
            },
        };

        return new HttpClient(handler)
        {
            BaseAddress = new Uri($"https://127.0.0.1:{ClusterPort.ToString(CultureInfo.InvariantCulture)}/"),
            DefaultRequestVersion = HttpVersion.Version20,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}
