using Edgewise.Node.Cluster;
using Edgewise.Node.Execution;
using System.Security.Claims;
using Edgewise.Node.Hosting;
using Edgewise.Node.Learning;
using Edgewise.Node.Security;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Api;

/// <summary>Read endpoints: node stats, device state and health.</summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", Stats)
            .WithName("GetStats")
            .WithTags("Stats")
            .WithSummary("Readings received, where tasks ran, queue, latency percentiles and peers")
            .RequireAuthorization(NodeSecurity.DevicePolicy);

        var devices = app.MapGroup("/api/v1/devices").WithTags("Devices").RequireAuthorization(NodeSecurity.DevicePolicy);
        devices.MapGet("/", (DeviceRegistry registry, ClaimsPrincipal user) =>
                TypedResults.Json<IReadOnlyList<string>>(
                    [.. registry.Ids().Where(id => InScope(user, id)).Order(StringComparer.Ordinal)],
                    NodeJsonContext.Default.IReadOnlyListString))
            .WithName("ListDevices")
            .WithSummary("Ids of the devices this node is home to (those in the API key's scope)");
        devices.MapGet("/{id}", (string id, DeviceRegistry registry, ClaimsPrincipal user) =>
                InScope(user, id) && registry.Find(id) is { } device
                    ? Results.Json(device.Snapshot(), NodeJsonContext.Default.DeviceSnapshot)
                    : TypedResults.Problem(
                        $"No device '{id}' has sent readings to this node since it started.",
                        statusCode: StatusCodes.Status404NotFound,
                        title: "Unknown device",
                        type: Ingest.Problems.DeviceNotFound))
            .WithName("GetDevice")
            .WithSummary("A device's latest state (from memory): last value, statistics and counts per kind");

        app.MapGet("/healthz", (NodeIdentity identity) =>
                TypedResults.Json(new HealthResponse("ok", identity.Id), NodeJsonContext.Default.HealthResponse))
            .WithName("Health")
            .WithTags("Health");

        return app;
    }

    /// <summary>A key scoped to some devices sees only those; an unscoped key or open mode sees all.</summary>
    private static bool InScope(ClaimsPrincipal user, string deviceId) =>
        DeviceScope.Allows([.. user.FindAll(ApiKeyAuthenticationHandler.DeviceClaim).Select(claim => claim.Value)], deviceId);

    private static IResult Stats(
        NodeStats stats,
        LocalExecutor executor,
        Dispatcher dispatcher,
        TaskBatcher batcher,
        PeerDirectory directory,
        Backlog backlog,
        NodeIdentity identity,
        IOptions<NodeOptions> options,
        NodeClock clock,
        TimeProvider time,
        IPlacementPolicy policy,
        NodeTraceSink traces)
    {
        var value = options.Value;
        var response = new StatsResponse(
            identity.Id,
            dispatcher.PolicyName,
            value.Workers,
            value.Speed,
            value.IsEmulated,
            Math.Round(time.GetElapsedTime(clock.StartedAt).TotalSeconds, 1),
            stats.ReadingsReceived,
            stats.ReadingsDuplicate,
            stats.ReadingsRejected,
            stats.TasksCreated,
            stats.TasksCompleted,
            stats.TasksDoneHere,
            stats.ReadingsDoneHere,
            stats.TasksDoneForPeers,
            stats.ReadingsDoneForPeers,
            stats.SentToPeers(),
            stats.TasksFailed,
            dispatcher.Pending,
            batcher.Waiting,
            executor.QueueLength,
            executor.InFlight,
            Math.Round(executor.ServiceTimeMs, 4),
            stats.Latency(),
            [.. directory.Peers.Select(peer => peer.Snapshot(time))],
            backlog.Pending,
            backlog.Refused,
            ModelApi.Summary(policy, stats, traces));

        return TypedResults.Json(response, NodeJsonContext.Default.StatsResponse);
    }
}
