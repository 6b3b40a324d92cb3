using Edgewise.Placement;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Hosting;

/// <summary>Start-up checks of <see cref="NodeOptions"/>, each failure naming the setting and the reason.</summary>
internal sealed class NodeOptionsValidation : IValidateOptions<NodeOptions>
{
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

        foreach (var url in options.ClusterUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                problems.Add($"Node:ClusterUrls entry '{url}' is not an http URL (the cluster listener is cleartext HTTP/2).");
            }
        }

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

        if (options.PeerHttpVersion is not ("1.1" or "2"))
        {
            problems.Add($"Node:PeerHttpVersion must be \"1.1\" or \"2\" (got '{options.PeerHttpVersion}').");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.LocalTimeZone, out _))
        {
            problems.Add($"Node:LocalTimeZone '{options.LocalTimeZone}' is not a known time zone id.");
        }

        return problems;
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

        if (!catalog.Contains(options.Policy))
        {
            problems.Add($"Node:Policy '{options.Policy}' is unknown; use one of {string.Join(", ", catalog.Names)}.");
        }
    }
}
