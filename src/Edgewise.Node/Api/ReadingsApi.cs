using Edgewise.Node.Ingest;
using Edgewise.Node.Security;
using Edgewise.Readings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Edgewise.Node.Api;

/// <summary>Ingest endpoints: the native readings API and the original prototype's two formats.</summary>
internal static class ReadingsApi
{
    public static IEndpointRouteBuilder MapReadingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/readings", (HttpContext context, IngestHandler handler) =>
                handler.HandleAsync(context, IngestHandler.Format.Native))
            .WithName("PostReadings")
            .WithTags("Readings")
            .WithSummary("Accept one reading or an array of readings")
            .WithDescription(
                "Body: a reading {deviceId, kind, value, unit?, timestamp, sequence, status?} or an array of them. "
                + "Valid readings are made durable and acknowledged (202) even when others in the array are refused; "
                + "each refused reading is listed by index. A timestamp without offset is read in the node's LocalTimeZone. "
                + "A vibration reading has kind 'vibration', samples (array), sampleRate (Hz) and optional channel, no value. "
                + "A vibration window can also be sent as application/octet-stream: the body is little-endian float32 "
                + "samples and the fields go in the query string: deviceId, sequence, sampleRate, timestamp, "
                + "channel (optional), samples (optional declared count, checked against the body), status (optional).")
            .AddOpenApiOperationTransformer(RequestBody("application/json", "application/octet-stream"))
            .Produces<IngestReceipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Secured();

        app.MapPost("/", (HttpContext context, IngestHandler handler) =>
                handler.HandleAsync(context, IngestHandler.Format.Prototype))
            .WithName("PostPrototypeReading")
            .WithTags("Readings")
            .WithSummary("The original prototype's format")
            .WithDescription(
                "Body: {sensor_id, status (ACTIVE|INACTIVE|ERROR), temperature (null unless ACTIVE), "
                + "timestamp ('yyyy-MM-dd HH:mm:ss', local time)}. The node assigns sequence numbers.")
            .AddOpenApiOperationTransformer(RequestBody("application/json"))
            .Produces<IngestReceipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Secured();

        app.MapPost("/sensor-data", (HttpContext context, IngestHandler handler) =>
                handler.HandleAsync(context, IngestHandler.Format.SensorData))
            .WithName("PostSensorData")
            .WithTags("Readings")
            .WithSummary("The prototype's earlier format")
            .WithDescription(
                "Body: {temperature, energy}. Readings get the device id from the node's SensorDataDeviceId setting, "
                + "the time of arrival and node-assigned sequence numbers.")
            .AddOpenApiOperationTransformer(RequestBody("application/json"))
            .Produces<IngestReceipt>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Secured();

        return app;
    }

    /// <summary>The ingest benchmark's baselines, beside the real path in the same process.</summary>
    public static IEndpointRouteBuilder MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/bench/parse-only", (HttpContext context, IngestHandler handler) => handler.ParseOnlyAsync(context))
            .WithName("ParseOnly")
            .WithTags("Benchmark")
            .WithSummary("Parse and validate readings, store nothing (enabled by Node:BenchmarkEndpoints)")
            .Secured();

        app.MapPost("/bench/in-memory-ack", (HttpContext context, IngestHandler handler) =>
                handler.HandleAsync(context, IngestHandler.Format.Native, durable: false))
            .WithName("InMemoryAck")
            .WithTags("Benchmark")
            .WithSummary("The full ingest path, acknowledged before the commit reaches the disk (enabled by Node:BenchmarkEndpoints)")
            .Secured();

        return app;
    }

    /// <summary>
    /// An ingest endpoint needs an API key (unless the node is open) and counts against the key's
    /// rate; device scope and the per-device rate are checked once the body is parsed.
    /// </summary>
    private static RouteHandlerBuilder Secured(this RouteHandlerBuilder endpoint) => endpoint
        .RequireAuthorization(NodeSecurity.DevicePolicy)
        .RequireRateLimiting(NodeSecurity.KeyRatePolicy)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Describes the request body in the OpenAPI document only. Accepts() metadata would also
    /// make routing refuse other content types itself, with a bare 415 instead of the handler's
    /// problem details that say which types are taken.
    /// </summary>
    private static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> RequestBody(
        params string[] contentTypes) =>
        (operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = contentTypes.ToDictionary(type => type, _ => new OpenApiMediaType()),
            };

            return Task.CompletedTask;
        };
}
