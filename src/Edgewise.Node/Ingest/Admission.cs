using Edgewise.Readings;

namespace Edgewise.Node.Ingest;

/// <summary>
/// What admission made of one parsed body: the readings now durable (new or retried), the ones
/// refused, and whether the store failed, in which case nothing was acknowledged.
/// </summary>
/// <param name="Accepted">Readings acknowledged, each with its final sequence number.</param>
/// <param name="Rejected">Readings refused, by the parser or at admission.</param>
/// <param name="StoreFailed">True when the store could not commit; nothing was acknowledged.</param>
internal sealed record Admission(
    IReadOnlyList<AcceptedReading> Accepted,
    IReadOnlyList<ReadingError> Rejected,
    bool StoreFailed);
