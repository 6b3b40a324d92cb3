using Edgewise.Learning.Placement;
using Edgewise.Node.Hosting;
using Edgewise.Node.Learning;
using Edgewise.Node.Telemetry;
using Edgewise.Placement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Edgewise.Node.Api;

/// <summary>GET /api/v1/model: the learned placement's model card and live decision counts.</summary>
internal static class ModelApi
{
    public static IEndpointRouteBuilder MapModelApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/model", Model)
            .WithName("GetModel")
            .WithTags("Placement")
            .WithSummary("The learned policy's model card, placements by how they were made, predicted against observed latency");

        return app;
    }

    /// <summary>The placement summary shared by this endpoint and the stats.</summary>
    public static PlacementSummary Summary(IPlacementPolicy policy, NodeStats stats, NodeTraceSink traces)
    {
        var learned = policy as LearnedPolicy;
        var decisions = learned?.Decisions ?? new LearnedDecisions(0, 0, 0, 0);

        return new PlacementSummary(
            new PlacementDecisions(
                decisions.Learned,
                stats.PlacementsExplored,
                decisions.Fallback,
                decisions.FallbackNoModel,
                decisions.FallbackModelFailed,
                decisions.FallbackStaleInputs),
            learned?.Accuracy ?? new PredictionAccuracy(0, 0, 0, 0),
            new TraceSummary(traces.Directory, traces.Written, traces.Dropped));
    }

    private static IResult Model(
        IPlacementPolicy policy,
        NodeStats stats,
        NodeTraceSink traces,
        ModelReloadService reloader,
        NodeIdentity identity)
    {
        var learned = policy as LearnedPolicy;
        var model = learned?.Model;
        var summary = Summary(policy, stats, traces);
        var response = new ModelResponse(
            identity.Id,
            policy.Name,
            reloader.ModelPath,
            model is not null,
            model?.Model.Format,
            learned?.LastLoadError,
            model?.Card,
            summary.Decisions,
            summary.Predictions,
            summary.Traces);

        return TypedResults.Json(response, NodeJsonContext.Default.ModelResponse);
    }
}
