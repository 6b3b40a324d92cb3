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
            Description = "Placement policy: local, round-robin, random, least-loaded, two-choices, shortest-expected-delay, learned, or one from --policy-assembly",
        };
        var policyAssemblies = new Option<string[]>("--policy-assembly")
        {
            Description = "Assemblies (.dll) holding policy classes of your own, comma-separated or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
        var exploration = new Option<double?>("--exploration")
        {
            Description = "Share of tasks placed on a random candidate, in [0, 1], so traces cover other choices (default 0)",
        };
        var model = new Option<string>("--model")
        {
            Description = "Model of the learned policy, .zip (ML.NET) or .onnx; reloaded when it changes (default: the shipped model)",
        };
        var traces = new Option<string>("--traces") { Description = "Folder of the node's trace files (default <data>/traces)" };
        var workers = new Option<int?>("--workers") { Description = "Worker threads (default: processor count)" };
        var speed = new Option<double?>("--speed") { Description = "Emulated speed factor in (0, 1]; below 1 slows the node on purpose" };
        var id = new Option<string>("--id") { Description = "Node id (default: host:port of the first URL)" };
        var clusterUrls = new Option<string[]>("--cluster-urls")
        {
            Description = "Addresses of an HTTP/2-only listener for peers' calls; peers list these in --peers",
            AllowMultipleArgumentsPerToken = true,
        };

        var open = new Option<bool>("--open")
        {
            Description = "Open mode, for trials: accept readings without an API key and, without certificates, "
                + "plain cluster traffic. The node warns while open",
        };
        var apiKeys = new Option<string>("--api-keys") { Description = "Key store file (default keys.json in --data)" };
        var ca = new Option<string>("--ca") { Description = "PEM of the cluster's certificate authority (from `edgewise certs init`)" };
        var cert = new Option<string>("--cert") { Description = "PEM of this node's certificate (from `edgewise certs node`)" };
        var key = new Option<string>("--key") { Description = "PEM of this node's private key" };

        var mqtt = new Option<string>("--mqtt") { Description = "MQTT broker to take readings from, mqtt://host:port (default: none)" };
        var mqttPrefix = new Option<string>("--mqtt-prefix")
        {
            Description = "Topic prefix: devices publish to {prefix}/{device}/readings and .../vibration (default edgewise)",
        };
        var mqttGroup = new Option<string>("--mqtt-group")
        {
            Description = "Shared subscription group that splits devices over nodes; \"\" for a plain subscription (default edgewise)",
        };

        var command = new Command("node", "Run an edge node (ASP.NET Core on Kestrel)")
        {
            urls, data, peers, policy, policyAssemblies, workers, speed, id, clusterUrls, open, apiKeys, ca, cert, key,
            mqtt, mqttPrefix, mqttGroup, exploration, model, traces,
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
            Set(settings, "Node:Exploration", parse.GetValue(exploration)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Set(settings, "Node:ModelPath", parse.GetValue(model));
            Set(settings, "Node:TraceDirectory", parse.GetValue(traces));
            SetList(settings, "Node:Peers", parse.GetValue(peers));
            SetList(settings, "Node:ClusterUrls", parse.GetValue(clusterUrls));
            Set(settings, "Node:Security:Open", parse.GetValue(open) ? "true" : null);
            Set(settings, "Node:Security:ApiKeyFile", parse.GetValue(apiKeys));
            Set(settings, "Node:Security:ClusterCa", parse.GetValue(ca));
            Set(settings, "Node:Security:ClusterCertificate", parse.GetValue(cert));
            Set(settings, "Node:Security:ClusterKey", parse.GetValue(key));
            Set(settings, "Mqtt:Broker", parse.GetValue(mqtt));
            Set(settings, "Mqtt:TopicPrefix", parse.GetValue(mqttPrefix));
            if (parse.GetResult(mqttGroup) is not null)
            {
                // An empty group is meaningful: a plain subscription.
                settings["Mqtt:SharedGroup"] = parse.GetValue(mqttGroup) ?? "";
            }
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
