using Edgewise.Placement;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Hosting;

/// <summary>Start-up checks of <see cref="NodeOptions"/>, each failure naming the setting and the reason.</summary>
internal sealed class NodeOptionsValidation : IValidateOptions<NodeOptions>
{
    /// <summary>The learned policy's name; it lives in Edgewise.Learning, beside the classic ones.</summary>
    public const string LearnedPolicyName = "learned";

    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var problems = Problems(options);

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IReadOnlyList<string> Problems(NodeOptions options)
    {
        var problems = new List<string>();
        if (options.Workers is < 1 or > 1024)
        {
            problems.Add($"Node:Workers must be between 1 and 1024 (got {options.Workers}).");
        }

        if (!(options.Speed > 0 && options.Speed <= 1))
        {
            problems.Add($"Node:Speed must be in (0, 1]: a node can be emulated slower, not faster (got {options.Speed}).");
        }

        PolicyProblems(options, problems);

        if (!(options.Exploration >= 0 && options.Exploration <= 1))
        {
            problems.Add($"Node:Exploration must be in [0, 1] (got {options.Exploration}).");
        }

        if (options.TraceMaxFileBytes < 64 * 1024)
        {
            problems.Add($"Node:TraceMaxFileBytes must be at least 65536 (got {options.TraceMaxFileBytes}).");
        }

        if (!(options.ModelMarginMs >= 0) || options.ModelMaxInputAge <= TimeSpan.Zero || options.ModelReloadInterval <= TimeSpan.Zero)
        {
            problems.Add("Node:ModelMarginMs must be at least 0; Node:ModelMaxInputAge and Node:ModelReloadInterval must be positive.");
        }

        problems.AddRange(SecurityProblems(options));
        foreach (var peer in options.Peers)
        {
            if (!Uri.TryCreate(peer, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Node:Peers entry '{peer}' is not an http(s) URL.");
            }
        }

        if (options.BatchWindow <= TimeSpan.Zero || options.LoadReportInterval <= TimeSpan.Zero || options.PeerTimeout <= TimeSpan.Zero)
        {
            problems.Add("Node:BatchWindow, Node:LoadReportInterval and Node:PeerTimeout must be positive.");
        }

        if (options.MaxBatchReadings < 1 || options.MaxRequestBodyBytes < 1 || options.MaxReadingsPerRequest < 1)
        {
            problems.Add("Node:MaxBatchReadings, Node:MaxRequestBodyBytes and Node:MaxReadingsPerRequest must be at least 1.");
        }

        if (options.MaxPendingReadings < 1 || options.MaxPeerAttempts < 0 || options.MaxStoreBytes < 1 || options.MaxTraceBytes < 0)
        {
            problems.Add("Node:MaxPendingReadings and Node:MaxStoreBytes must be at least 1; Node:MaxPeerAttempts and Node:MaxTraceBytes at least 0.");
        }

        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.ShutdownTimeout < TimeSpan.Zero
            || options.RetryBackoff < TimeSpan.Zero || options.RetentionAge <= TimeSpan.Zero
            || options.RetentionInterval <= TimeSpan.Zero)
        {
            problems.Add("Node:RetryAfter must be at least 1 s; Node:ShutdownTimeout and Node:RetryBackoff not negative; "
                + "Node:RetentionAge and Node:RetentionInterval positive.");
        }

        if (options.PeerHttpVersion is not ("1.1" or "2"))
        {
            problems.Add($"Node:PeerHttpVersion must be \"1.1\" or \"2\" (got '{options.PeerHttpVersion}').");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.LocalTimeZone, out _))
        {
            problems.Add($"Node:LocalTimeZone '{options.LocalTimeZone}' is not a known time zone id.");
        }

        var limits = options.Limits;
        if (limits.KeyRequestsPerSecond < 1 || limits.KeyBurst < 1 || limits.DeviceReadingsPerSecond < 1
            || limits.DeviceBurst < 1 || limits.MaxSamplesPerWindow < 2 || limits.MaxConnections < 1)
        {
            problems.Add("Node:Limits rates, bursts, MaxSamplesPerWindow and MaxConnections must be positive.");
        }

        if (limits.RequestHeadersTimeout <= TimeSpan.Zero || limits.MinBodyBytesPerSecond <= 0
            || limits.MinBodyRateGrace <= TimeSpan.FromSeconds(1))
        {
            problems.Add("Node:Limits:RequestHeadersTimeout and MinBodyBytesPerSecond must be positive, MinBodyRateGrace above 1 s.");
        }

        return problems;
    }

    /// <summary>
    /// Cluster traffic is mutual TLS whenever the node has cluster certificates; plain HTTP between
    /// peers is allowed only in open mode, so a node never silently trusts whoever reaches its port.
    /// </summary>
    private static IEnumerable<string> SecurityProblems(NodeOptions options)
    {
        var security = options.Security;
        var tls = security.HasClusterCertificates;
        foreach (var (name, path) in new[]
        {
            ("ClusterCa", security.ClusterCa),
            ("ClusterCertificate", security.ClusterCertificate),
            ("ClusterKey", security.ClusterKey),
        })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                yield return $"Node:Security:{name} file '{path}' does not exist.";
            }
            else if (string.IsNullOrWhiteSpace(path) && !tls
                && (!string.IsNullOrWhiteSpace(security.ClusterCa) || !string.IsNullOrWhiteSpace(security.ClusterCertificate)
                    || !string.IsNullOrWhiteSpace(security.ClusterKey)))
            {
                yield return $"Node:Security:{name} is missing: cluster TLS needs the CA, the node's certificate and its key.";
            }
        }

        if (!tls && !security.Open && (options.Peers.Count > 0 || options.ClusterUrls.Count > 0))
        {
            yield return "Node:Security: a node with peers or cluster URLs needs cluster certificates (--ca, --cert, --key; "
                + "make them with `edgewise certs`), or open mode (--open) for plain cluster traffic.";
        }

        var scheme = tls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        var why = tls ? "cluster traffic is mutual TLS" : "without cluster certificates the cluster listener is cleartext HTTP/2";
        foreach (var url in options.ClusterUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != scheme)
            {
                yield return $"Node:ClusterUrls entry '{url}' is not an {scheme} URL ({why}).";
            }
        }

        if (tls)
        {
            foreach (var peer in options.Peers.Where(peer => !peer.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"Node:Peers entry '{peer}' is not an https URL (cluster traffic is mutual TLS).";
            }
        }
    }

    /// <summary>The catalogue of policies the options name: the classic ones and those in <see cref="NodeOptions.PolicyAssemblies"/>.</summary>
    /// <exception cref="ArgumentException">An assembly is missing or holds no policy.</exception>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(
        "Trimming",
        "IL2026",
        Justification = "The node is not trimmed; user policy assemblies are loaded whole.")]
    public static PolicyCatalog Catalog(NodeOptions options)
    {
        var catalog = new PolicyCatalog();
        foreach (var path in options.PolicyAssemblies)
        {
            catalog.LoadAssembly(path);
        }

        return catalog;
    }

    private static void PolicyProblems(NodeOptions options, List<string> problems)
    {
        PolicyCatalog catalog;
        try
        {
            catalog = Catalog(options);
        }
        catch (ArgumentException exception)
        {
            problems.Add($"Node:PolicyAssemblies: {exception.Message}");
            return;
        }

        if (!catalog.Contains(options.Policy) && !string.Equals(options.Policy, LearnedPolicyName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Node:Policy '{options.Policy}' is unknown; use one of {string.Join(", ", catalog.Names)}, {LearnedPolicyName}.");
        }
    }
}
