namespace Edgewise.Readings;

/// <summary>
/// What a request body held: the readings that validated, the ones refused, or one error for a
/// body that could not be used at all.
/// </summary>
public sealed class ReadingParseResult
{
    /// <summary>Creates a result; a body error goes with empty accepted and rejected lists.</summary>
    public ReadingParseResult(
        IReadOnlyList<IndexedReading> accepted,
        IReadOnlyList<ReadingError> rejected,
        ReadingError? bodyError,
        bool isBatch,
        int count)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(rejected);

        Accepted = accepted;
        Rejected = rejected;
        BodyError = bodyError;
        IsBatch = isBatch;
        Count = count;
    }

    /// <summary>The readings that validated, in body order.</summary>
    public IReadOnlyList<IndexedReading> Accepted { get; }

    /// <summary>One error per refused reading, in body order.</summary>
    public IReadOnlyList<ReadingError> Rejected { get; }

    /// <summary>
    /// Set when the whole body is unusable (malformed JSON, wrong top-level shape, an empty or
    /// oversized array); <see cref="Accepted"/> and <see cref="Rejected"/> are then empty.
    /// </summary>
    public ReadingError? BodyError { get; }

    /// <summary>True when the body's top level was an array.</summary>
    public bool IsBatch { get; }

    /// <summary>Items in the body: array elements, or readings found in a single object.</summary>
    public int Count { get; }

    internal static ReadingParseResult ForBody(ReadingError error, bool isBatch, int count) =>
        new([], [], error, isBatch, count);
}
