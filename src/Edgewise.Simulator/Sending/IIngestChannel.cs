namespace Edgewise.Simulator.Sending;

/// <summary>
/// How requests reach nodes: HTTP posts to a node's ingest API, or MQTT publishes to a broker.
/// The sender keeps device order, concurrency, retries and counting; a channel makes one attempt.
/// </summary>
internal interface IIngestChannel : IDisposable
{
    /// <summary>Makes one attempt to deliver <paramref name="request"/> to <paramref name="node"/>; does not throw for network faults.</summary>
    Task<Delivery> DeliverAsync(Uri node, IngestRequest request, CancellationToken cancellationToken);
}
