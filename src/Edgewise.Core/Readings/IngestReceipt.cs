namespace Edgewise.Readings;

/// <summary>
/// The body of a 202 answer to an ingest request: every reading accepted, and every one refused
/// with its index and reason. A request with no acceptable reading is answered 400 instead.
/// </summary>
/// <param name="Accepted">Readings acknowledged, duplicates included.</param>
/// <param name="Rejected">Readings refused.</param>
/// <param name="Readings">The acknowledged readings.</param>
/// <param name="Errors">The refused readings, each with its index, field and reason.</param>
public sealed record IngestReceipt(
    int Accepted,
    int Rejected,
    IReadOnlyList<AcceptedReading> Readings,
    IReadOnlyList<ReadingError> Errors);
