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

        if (!PlacementPolicies.Names.Contains(options.Policy, StringComparer.OrdinalIgnoreCase)
            && !string.Equals(options.Policy, "sed", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(options.Policy, LearnedPolicyName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Node:Policy '{options.Policy}' is unknown; use one of {string.Join(", ", PlacementPolicies.Names)}, {LearnedPolicyName}.");
        }

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
}
