using Edgewise.Node.Api;
using Edgewise.Node.Cluster;
using Edgewise.Node.Execution;
using Edgewise.Node.Ingest;
using Edgewise.Node.Storage;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;
using Edgewise.Vibration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Hosting;

/// <summary>Builds an Edgewise node: an ASP.NET Core application on Kestrel.</summary>
public static class NodeHost
{
    /// <summary>Prefix of environment variables the node reads, e.g. <c>EDGEWISE_Node__Workers=4</c>.</summary>
    public const string EnvironmentPrefix = "EDGEWISE_";

    /// <summary>
    /// Creates a node from command-line style settings. <paramref name="settings"/> (for example
    /// from the <c>edgewise node</c> flags) win over environment variables, which win over
    /// appsettings.json.
    /// </summary>
    public static WebApplication Create(IReadOnlyDictionary<string, string?> settings, string[]? args = null)
    {
        // Each worker computes one window at a time. MathNet's default would also fan every FFT
        // out to the thread pool, which the node's requests keep busy: measured slower on two
        // cores (bench/results/vibration.md), and under load it stalls the workers.
        MathNet.Numerics.Control.UseSingleThread();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(ClusterEndpoints(builder.Configuration));
        // A failed start surfaces as an exception to the caller, which names the cause; the host's
        // own "failed to start" entry would only repeat it as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        AddNode(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapReadingsApi();
        app.MapStatsApi();
        app.MapClusterApi();
        if (app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.ParseOnlyEndpoint)
        {
            app.MapParseOnlyEndpoint();
        }

        return app;
    }

    private static void AddNode(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NodeOptions>()
            .Bind(builder.Configuration.GetSection(NodeOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidation>();
        services.PostConfigure<NodeOptions>(options =>
        {
            if (options.Kinds.Count == 0)
            {
                options.Kinds.AddRange(KindCatalogue.Defaults);
            }
        });

        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, NodeJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, WireJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(2, IngestJsonContext.Default);
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeClock(TimeProvider.System.GetTimestamp()));
        services.AddSingleton(sp => new NodeIdentity(ResolveId(sp.GetRequiredService<IOptions<NodeOptions>>().Value, builder.Configuration)));
        services.AddSingleton(sp => new KindCatalogue(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Kinds));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NodeOptions>>().Value;

            return new ProcessingOptions
            {
                ZScoreThreshold = options.ZScoreThreshold,
                MinSamplesForZScore = options.MinSamplesForZScore,
            };
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            var parserOptions = new ReadingParserOptions
            {
                MaxReadingsPerRequest = options.MaxReadingsPerRequest,
                LocalTimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.LocalTimeZone),
                Vibration = sp.GetRequiredService<VibrationOptions>(),
            };

            return new ReadingParser(
                sp.GetRequiredService<KindCatalogue>(),
                parserOptions,
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp => new NodeStore(
            sp.GetRequiredService<IOptions<NodeOptions>>().Value.DataDirectory,
            fullSync: false,
            sp.GetRequiredService<ILogger<NodeStore>>()));
        services.AddSingleton(sp => NodeOptionsValidation.Catalog(sp.GetRequiredService<IOptions<NodeOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<PolicyCatalog>().Create(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Policy));
        services.AddSingleton(sp =>
        {
            var seed = sp.GetRequiredService<IOptions<NodeOptions>>().Value.Seed;

            return new PlacementContext(
                sp.GetRequiredService<TimeProvider>(),
                seed is { } value ? new Random(value) : new Random());
        });
        services.AddSingleton(sp => new TumblingAggregator(TimeSpan.FromMinutes(1)));
        services.AddSingleton(sp => new AlertEvaluator(sp.GetRequiredService<IOptions<NodeOptions>>().Value.AlertRules));
        services.AddSingleton(new VibrationOptions());
        services.AddSingleton(sp => new VibrationAnalyzer(sp.GetRequiredService<VibrationOptions>()));
        services.AddSingleton(sp => new VibrationScorer(sp.GetRequiredService<VibrationOptions>()));
        services.AddSingleton<VibrationAlerts>();
        services.AddSingleton<NodeStats>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<LocalExecutor>();
        services.AddSingleton<PeerDirectory>();
        services.AddSingleton<PeerClient>();
        services.AddSingleton<ResultApplier>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<TaskBatcher>();
        services.AddSingleton<LoadReporter>();
        services.AddSingleton<IngestHandler>();

        // Hosted services stop in reverse order: the engine, registered first, stops last,
        // after the batcher's timer and the reporters, and after the server stopped accepting.
        services.AddSingleton<NodeEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeEngine>());
        services.AddHostedService(sp => sp.GetRequiredService<TaskBatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<LoadReporter>());
        services.AddHostedService<WorkSummaryLogger>();
    }

    /// <summary>
    /// With <see cref="NodeOptions.ClusterUrls"/> set, the node listens twice: on its URLs for
    /// devices (HTTP/1.1 and HTTP/2 over TLS) and on its cluster URLs in HTTP/2 only, because
    /// Kestrel speaks cleartext HTTP/2 (prior knowledge) only on an endpoint limited to it.
    /// Expressed as Kestrel endpoint settings, which replace <c>urls</c>.
    /// </summary>
    private static Dictionary<string, string?> ClusterEndpoints(IConfiguration configuration)
    {
        var endpoints = new Dictionary<string, string?>();
        var cluster = configuration.GetSection($"{NodeOptions.Section}:{nameof(NodeOptions.ClusterUrls)}")
            .GetChildren()
            .Select(child => child.Value)
            .Where(url => !string.IsNullOrWhiteSpace(url))
            .ToList();
        if (cluster.Count == 0)
        {
            return endpoints;
        }

        var urls = (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < urls.Length; i++)
        {
            endpoints[$"Kestrel:Endpoints:Devices{i}:Url"] = urls[i];
        }

        for (var i = 0; i < cluster.Count; i++)
        {
            endpoints[$"Kestrel:Endpoints:Cluster{i}:Url"] = cluster[i];
            endpoints[$"Kestrel:Endpoints:Cluster{i}:Protocols"] = "Http2";
        }

        return endpoints;
    }

    private static string ResolveId(NodeOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.Id))
        {
            return options.Id;
        }

        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0];

        // Wildcard hosts ("http://*:5000", "http://+:5000") are not URIs; name them localhost.
        var address = first
            .Replace("*", "localhost", StringComparison.Ordinal)
            .Replace("+", "localhost", StringComparison.Ordinal);

        return Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri.Authority
            : first;
    }
}
