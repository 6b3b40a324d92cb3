using Edgewise.Placement;

namespace Edgewise.Traces;

/// <summary>
/// What a node saw of one candidate when it placed a task: the inputs of the learned model and
/// the feature part of a trace. The order of <see cref="Names"/> is the model's input order and
/// part of the contract with models trained elsewhere; never reorder, only append.
/// </summary>
/// <param name="Kind">What the task computes.</param>
/// <param name="TaskSize">Readings in a scalar batch, or samples in a vibration window.</param>
/// <param name="QueueLength">Tasks waiting for a worker on the candidate.</param>
/// <param name="InFlight">Tasks being computed on the candidate.</param>
/// <param name="Workers">The candidate's worker count.</param>
/// <param name="ServiceTimeMs">The candidate's estimate of the time one task holds a worker.</param>
/// <param name="ViewAgeMs">Age of the load view, in milliseconds; zero for the node itself.</param>
/// <param name="LinkRoundTripMs">Measured round trip to the candidate; zero for the node itself.</param>
/// <param name="IsSelf">True when the candidate is the placing node.</param>
public readonly record struct PlacementFeatures(
    TaskKind Kind,
    int TaskSize,
    int QueueLength,
    int InFlight,
    int Workers,
    double ServiceTimeMs,
    double ViewAgeMs,
    double LinkRoundTripMs,
    bool IsSelf)
{
    /// <summary>How many values <see cref="CopyTo"/> writes.</summary>
    public const int Count = 9;

    /// <summary>Feature names in model input order, as trace columns and model cards spell them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "taskKind",
        "taskSize",
        "queueLength",
        "inFlight",
        "workers",
        "serviceTimeMs",
        "viewAgeMs",
        "linkRoundTripMs",
        "isSelf",
    ];

    /// <summary>The features of <paramref name="candidate"/> for <paramref name="task"/>.</summary>
    public static PlacementFeatures From(PlacementTask task, PlacementCandidate candidate)
    {
        var load = candidate.Load;

        return new PlacementFeatures(
            task.Kind,
            task.Size,
            load.QueueLength,
            load.InFlight,
            load.Workers,
            load.ServiceTimeMs,
            load.Age.TotalMilliseconds,
            candidate.LinkRoundTrip.TotalMilliseconds,
            candidate.IsSelf);
    }

    /// <summary>
    /// Writes the features as numbers in <see cref="Names"/> order: the task kind as its enum
    /// value (0 scalar, 1 vibration) and <see cref="IsSelf"/> as 1 or 0.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Count"/>.</exception>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
        {
            throw new ArgumentException(
                $"Needs room for {Count} features, got {destination.Length}.",
                nameof(destination));
        }

        destination[0] = (float)Kind;
        destination[1] = TaskSize;
        destination[2] = QueueLength;
        destination[3] = InFlight;
        destination[4] = Workers;
        destination[5] = (float)ServiceTimeMs;
        destination[6] = (float)ViewAgeMs;
        destination[7] = (float)LinkRoundTripMs;
        destination[8] = IsSelf ? 1f : 0f;
    }
}
