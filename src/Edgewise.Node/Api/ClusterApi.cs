using Edgewise.Node.Cluster;
using Edgewise.Node.Execution;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Edgewise.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Edgewise.Node.Api;

/// <summary>
/// The internal endpoints peers call: run an offloaded task here and reply with its outcome and
/// this node's load, and exchange load reports. A task received here always runs here.
/// </summary>
internal static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/internal/v1").WithTags("Cluster (internal)");

        group.MapPost("/tasks", RunTaskAsync)
            .WithName("RunTask")
            .WithSummary("Compute a peer's task here and reply with the outcome and this node's load report");

        group.MapPost("/load", (LoadReport report, LoadReporter reporter) =>
            {
                reporter.Received(report);

                return TypedResults.Json(reporter.Current(), WireJsonContext.Default.LoadReport);
            })
            .WithName("ExchangeLoad")
            .WithSummary("Record a peer's load report and answer with this node's");

        return app;
    }

    private static async Task<IResult> RunTaskAsync(
        WorkTask task,
        LocalExecutor executor,
        LoadReporter reporter,
        NodeStats stats)
    {
        if (task.Readings is not { Count: > 0 })
        {
            return TypedResults.Problem(
                "A task needs at least one reading.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid task",
                type: "urn:edgewise:problem:invalid-task");
        }

        var outcome = await executor.RunAsync(task);
        stats.DoneForPeer(task.Readings.Count);

        return TypedResults.Json(new TaskReply(outcome, reporter.Current()), WireJsonContext.Default.TaskReply);
    }
}
