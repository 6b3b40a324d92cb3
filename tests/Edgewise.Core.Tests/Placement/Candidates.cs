using Edgewise.Placement;

namespace Edgewise.Core.Tests.Placement;

/// <summary>Builds hand-made candidate lists and contexts for policy tests.</summary>
internal static class Candidates
{
    public static PlacementTask Task { get; } = new(TaskKind.Scalar, 10);

    public static PlacementCandidate Self(
        int queue = 0,
        int inFlight = 0,
        int workers = 1,
        double serviceMs = 10) =>
        new(
            "self",
            true,
            new LoadView(queue, inFlight, workers, serviceMs, TimeSpan.Zero),
            TimeSpan.Zero);

    public static PlacementCandidate Peer(
        string id,
        int queue = 0,
        int inFlight = 0,
        int workers = 1,
        double serviceMs = 10,
        double rttMs = 2) =>
        new(
            id,
            false,
            new LoadView(queue, inFlight, workers, serviceMs, TimeSpan.FromMilliseconds(100)),
            TimeSpan.FromMilliseconds(rttMs));

    public static PlacementContext Context(int seed = 42) => new(TimeProvider.System, new Random(seed));
}
