namespace Edgewise.Simulator.Sending;

/// <summary>How one attempt to deliver a request ended.</summary>
internal enum DeliveryKind
{
    /// <summary>Taken: every reading is settled by the receipt (or, without one, acknowledged).</summary>
    Settled,

    /// <summary>Refused for what it holds; sending it again would not help.</summary>
    Rejected,

    /// <summary>Not taken this time; worth another attempt after a back-off.</summary>
    Retry,

    /// <summary>Not taken, and not worth retrying.</summary>
    Failed,
}
