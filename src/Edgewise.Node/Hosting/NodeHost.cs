using Edgewise.Learning.Placement;
using Edgewise.Learning.Traces;
using Edgewise.Node.Api;
using Edgewise.Node.Cluster;
using Edgewise.Node.Execution;
using Edgewise.Node.Ingest;
using Edgewise.Node.Ingest.Mqtt;
using Edgewise.Node.Learning;
using Edgewise.Node.Security;
using Edgewise.Node.Storage;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;
using Edgewise.Traces;
using Edgewise.Vibration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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

        // The authentication base class logs every 401 at Information; a refused key is logged once, as a warning.
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        AddNode(builder);

        var app = builder.Build();
        // A client that breaks HTTP mid-request (a body slower than the minimum rate, a body
        // shorter than declared) surfaces as Kestrel's BadHttpRequestException: its status
        // (408, 400) is the answer, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is Microsoft.AspNetCore.Http.BadHttpRequestException bad
                ? bad.StatusCode
                : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        var cluster = app.Services.GetRequiredService<ClusterAccess>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/internal", StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(cluster.InvokeAsync));
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapReadingsApi();
        app.MapStatsApi();
        app.MapModelApi();
        app.MapClusterApi();
        if (app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.BenchmarkEndpoints)
        {
            app.MapBenchmarkEndpoints();
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
        services.AddOptions<MqttIngestOptions>()
            .Bind(builder.Configuration.GetSection(MqttIngestOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttIngestOptions>, MqttIngestOptionsValidation>();
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
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel((context, kestrel) => ConfigureKestrel(context.Configuration, kestrel));
        NodeSecurity.Add(services);

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
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NodeStore>>()));
        services.AddSingleton(sp => NodeOptionsValidation.Catalog(sp.GetRequiredService<IOptions<NodeOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NodeOptions>>().Value;

            return new LearnedPolicy(
                new LearnedPolicyOptions { MarginMs = options.ModelMarginMs, MaxInputAge = options.ModelMaxInputAge },
                sp.GetRequiredService<ILogger<LearnedPolicy>>());
        });
        services.AddSingleton(sp =>
        {
            var name = sp.GetRequiredService<IOptions<NodeOptions>>().Value.Policy;

            return string.Equals(name, NodeOptionsValidation.LearnedPolicyName, StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<LearnedPolicy>()
                : sp.GetRequiredService<PolicyCatalog>().Create(name);
        });
        services.AddSingleton(sp => new Exploration(sp.GetRequiredService<IOptions<NodeOptions>>().Value.Exploration));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NodeOptions>>().Value;
            var writer = options.Traces
                ? new TraceWriter(
                    options.EffectiveTraceDirectory,
                    options.TraceMaxFileBytes,
                    time: sp.GetRequiredService<TimeProvider>(),
                    logger: sp.GetRequiredService<ILogger<TraceWriter>>())
                : null;

            return new NodeTraceSink(writer, sp.GetRequiredService<IPlacementPolicy>() as LearnedPolicy);
        });
        services.AddSingleton<ITraceSink>(sp => sp.GetRequiredService<NodeTraceSink>());
        services.AddSingleton(sp =>
        {
            var seed = sp.GetRequiredService<IOptions<NodeOptions>>().Value.Seed;

            return new PlacementContext(
                sp.GetRequiredService<TimeProvider>(),
                seed is { } value ? new Random(value) : new Random());
        });
        services.AddSingleton(sp => new TumblingAggregator(TimeSpan.FromMinutes(1)));
        services.AddSingleton(sp => new AlertEvaluator(sp.GetRequiredService<IOptions<NodeOptions>>().Value.AlertRules));
        services.AddSingleton(sp => new VibrationOptions
        {
            MaxSamples = sp.GetRequiredService<IOptions<NodeOptions>>().Value.Limits.MaxSamplesPerWindow,
        });
        services.AddSingleton(sp => new VibrationAnalyzer(sp.GetRequiredService<VibrationOptions>()));
        services.AddSingleton(sp => new VibrationScorer(sp.GetRequiredService<VibrationOptions>()));
        services.AddSingleton<VibrationAlerts>();
        services.AddSingleton<NodeStats>();
        services.AddSingleton<Backlog>();
        services.AddSingleton<RetentionService>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<LocalExecutor>();
        services.AddSingleton<PeerDirectory>();
        services.AddSingleton<PeerClient>();
        services.AddSingleton<ResultApplier>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<TaskBatcher>();
        services.AddSingleton<LoadReporter>();
        services.AddSingleton<ReadingAdmission>();
        services.AddSingleton<IngestHandler>();

        // Hosted services stop in reverse order: the engine, registered first, stops last,
        // after the batcher's timer and the reporters, and after the server stopped accepting.
        services.AddSingleton<ModelReloadService>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelReloadService>());
        services.AddSingleton<NodeEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeEngine>());
        services.AddHostedService(sp => sp.GetRequiredService<TaskBatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<LoadReporter>());
        services.AddHostedService<WorkSummaryLogger>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());

        // How long a stop (SIGTERM) may take: the engine's wait for pending tasks ends then.
        services.AddOptions<HostOptions>()
            .Configure<IOptions<NodeOptions>>((host, node) => host.ShutdownTimeout = node.Value.ShutdownTimeout);
        services.AddSingleton<MqttIngest>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngest>());
    }

    /// <summary>
    /// Kestrel's limits from <see cref="LimitOptions"/>, and on the cluster listener (https) this
    /// node's certificate and a required client certificate signed by the cluster's authority.
    /// </summary>
    private static void ConfigureKestrel(IConfiguration configuration, KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;

        // The ingest handler enforces Node:MaxRequestBodyBytes itself, answering with problem details.
        kestrel.Limits.MaxRequestBodySize = null;
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<NodeOptions>>().Value;
        var limits = options.Limits;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = limits.MaxConnections;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, limits.MinBodyRateGrace);

        if (kestrel.ApplicationServices.GetRequiredService<ClusterAccess>().Trust is not { } trust)
        {
            return;
        }

        var loader = kestrel.Configure(configuration.GetSection("Kestrel"), reloadOnChange: false);
        for (var i = 0; i < ClusterUrls(configuration).Count; i++)
        {
            loader.Endpoint($"Cluster{i}", endpoint =>
            {
                endpoint.HttpsOptions.ServerCertificate = trust.Certificate;
                endpoint.HttpsOptions.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                endpoint.HttpsOptions.CheckCertificateRevocation = false;
                endpoint.HttpsOptions.ClientCertificateValidation = (certificate, _, _) =>
                    trust.IsSignedByAuthority(certificate, ClusterCertificates.ClientAuth);
            });
        }
    }

    /// <summary>
    /// With <see cref="NodeOptions.ClusterUrls"/> set, the node listens twice: on its URLs for
    /// devices (HTTP/1.1 and HTTP/2 over TLS) and on its cluster URLs in HTTP/2 only, because
    /// Kestrel speaks cleartext HTTP/2 (prior knowledge) only on an endpoint limited to it. Over
    /// TLS, ALPN picks the protocol, so the cluster listener then offers HTTP/1.1 and HTTP/2.
    /// Expressed as Kestrel endpoint settings, which replace <c>urls</c>.
    /// </summary>
    private static Dictionary<string, string?> ClusterEndpoints(IConfiguration configuration)
    {
        var endpoints = new Dictionary<string, string?>();
        var cluster = ClusterUrls(configuration);
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
            endpoints[$"Kestrel:Endpoints:Cluster{i}:Protocols"] =
                cluster[i].StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "Http1AndHttp2" : "Http2";
        }

        return endpoints;
    }

    private static List<string> ClusterUrls(IConfiguration configuration) =>
        [.. configuration.GetSection($"{NodeOptions.Section}:{nameof(NodeOptions.ClusterUrls)}")
            .GetChildren()
            .Select(child => child.Value)
            .OfType<string>()
            .Where(url => !string.IsNullOrWhiteSpace(url))];

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
