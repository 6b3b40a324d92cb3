using System.CommandLine;
using Edgewise.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Edgewise.Cli.Commands;

/// <summary><c>edgewise node</c>: runs one edge node until it is stopped (Ctrl+C or SIGTERM).</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, ';'-separated (default http://localhost:5000)" };
        var data = new Option<string>("--data") { Description = "Data directory for the node's SQLite store (default ./.edgewise/node)" };
        var peers = new Option<string[]>("--peers")
        {
            Description = "Peer base URLs, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
        var policy = new Option<string>("--policy")
        {
            Description = "Placement policy: local, round-robin, random, least-loaded, two-choices, shortest-expected-delay, or one from --policy-assembly",
        };
        var policyAssemblies = new Option<string[]>("--policy-assembly")
        {
            Description = "Assemblies (.dll) holding policy classes of your own, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
        var workers = new Option<int?>("--workers") { Description = "Worker threads (default: processor count)" };
        var speed = new Option<double?>("--speed") { Description = "Emulated speed factor in (0, 1]; below 1 slows the node on purpose" };
        var id = new Option<string>("--id") { Description = "Node id (default: host:port of the first URL)" };
        var clusterUrls = new Option<string[]>("--cluster-urls")
        {
            Description = "Addresses of an HTTP/2-only listener for peers' calls; peers list these in --peers",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new Command("node", "Run an edge node (ASP.NET Core on Kestrel)")
        {
            urls, data, peers, policy, policyAssemblies, workers, speed, id, clusterUrls,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            Set(settings, "urls", parse.GetValue(urls));
            Set(settings, "Node:DataDirectory", parse.GetValue(data));
            Set(settings, "Node:Policy", parse.GetValue(policy));
            Set(settings, "Node:Workers", parse.GetValue(workers)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(settings, "Node:Speed", parse.GetValue(speed)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(settings, "Node:Id", parse.GetValue(id));
            SetList(settings, "Node:Peers", parse.GetValue(peers));
            SetList(settings, "Node:ClusterUrls", parse.GetValue(clusterUrls));
            SetList(settings, "Node:PolicyAssemblies", parse.GetValue(policyAssemblies));

            return await RunAsync(settings, cancellationToken);
        });

        return command;
    }

    /// <summary>Runs a node with the given settings; exit code 2 when its settings are invalid.</summary>
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = NodeHost.Create(settings);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);

            return 0;
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await Console.Error.WriteLineAsync($"edgewise node: {failure}");
            }

            return 2;
        }
        catch (Exception exception) when (exception is NodeStartupException or FormatException
            || (exception is IOException && exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
        {
            // Bad addresses (FormatException from Kestrel), a port in use, an unusable data directory.
            await Console.Error.WriteLineAsync($"edgewise node: {exception.Message}");

            return 2;
        }
    }

    private static void SetList(Dictionary<string, string?> settings, string key, string[]? values)
    {
        var list = (values ?? [])
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        for (var i = 0; i < list.Length; i++)
        {
            settings[$"{key}:{i}"] = list[i];
        }
    }

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            settings[key] = value;
        }
    }
}
