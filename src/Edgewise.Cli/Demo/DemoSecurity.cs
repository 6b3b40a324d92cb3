using System.Net;
using Edgewise.Node.Security;

namespace Edgewise.Cli.Demo;

/// <summary>
/// The demo's keys and certificates, made on its first run in <c>security/</c> of its folder and
/// kept across runs: the cluster's authority, one certificate per node, a key store with one
/// device key, and that key in <c>device.key</c> (readable by its owner only) for the simulator.
/// The nodes run exactly as a secured deployment would: keys required, peers on mutual TLS.
/// </summary>
internal sealed record DemoSecurity(string Folder, string KeyStorePath, string ApiKey)
{
    public const string FolderName = "security";

    private const string DeviceKeyFile = "device.key";

    public static DemoSecurity Prepare(string root, IReadOnlyList<NodeSpec> cluster)
    {
        var folder = Path.Combine(root, FolderName);
        if (!File.Exists(Path.Combine(folder, ClusterCertificates.CaFile)))
        {
            ClusterCertificates.CreateAuthority(folder, "Edgewise demo CA", DateTimeOffset.UtcNow);
        }

        foreach (var spec in cluster.Where(spec => !File.Exists(Certificate(folder, spec).Certificate)))
        {
            ClusterCertificates.CreateNode(folder, spec.Id, ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);
        }

        var keyStore = KeyStore.PathIn(folder);
        var keyFile = Path.Combine(folder, DeviceKeyFile);
        if (!File.Exists(keyFile))
        {
            var (_, key) = KeyStore.Create(keyStore, "demo devices", [], DateTimeOffset.UtcNow);
            PrivateFile.Write(keyFile, key);
        }

        return new DemoSecurity(folder, keyStore, File.ReadAllText(keyFile).Trim());
    }

    /// <summary>The certificate files of one node.</summary>
    public ClusterCertificateFiles For(NodeSpec spec) => Certificate(Folder, spec);

    private static ClusterCertificateFiles Certificate(string folder, NodeSpec spec) => new(
        Path.Combine(folder, ClusterCertificates.CaFile),
        Path.Combine(folder, $"{spec.Id}.pem"),
        Path.Combine(folder, $"{spec.Id}.key"));
}
