using Edgewise.Readings;

namespace Edgewise.Simulator.Sending;

/// <summary>The outcome of one attempt to deliver a request to a node or a broker.</summary>
/// <param name="Kind">How the attempt ended.</param>
/// <param name="Reason">Why it was rejected, failed or is retried; a note on a settled one.</param>
/// <param name="RetryAfter">How long the receiver asked to wait before the next attempt.</param>
/// <param name="Receipt">What the node acknowledged; null when it took everything without saying so.</param>
internal readonly record struct Delivery(
    DeliveryKind Kind,
    string? Reason = null,
    TimeSpan? RetryAfter = null,
    IngestReceipt? Receipt = null)
{
    public static Delivery Settled(IngestReceipt? receipt, string? note = null) => new(DeliveryKind.Settled, note, null, receipt);

    public static Delivery Rejected(string reason) => new(DeliveryKind.Rejected, reason);

    public static Delivery Retry(string reason, TimeSpan? after = null) => new(DeliveryKind.Retry, reason, after);

    public static Delivery Failed(string reason) => new(DeliveryKind.Failed, reason);
}
