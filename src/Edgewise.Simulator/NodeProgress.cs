namespace Edgewise.Simulator;

/// <summary>
/// What happened to the readings sent to one node so far. Every reading handed to the sender ends
/// as exactly one of acknowledged, rejected or failed.
/// </summary>
/// <param name="Node">The node's base URL.</param>
/// <param name="Sent">Readings posted at least once.</param>
/// <param name="Acknowledged">Readings the node acknowledged, duplicates included.</param>
/// <param name="Duplicates">Acknowledgements the node marked as already accepted.</param>
/// <param name="Rejected">Readings the node refused (400, 413, or listed in a receipt's errors).</param>
/// <param name="Failed">Readings given up on: attempts exhausted, an unexpected answer, or cancelled.</param>
/// <param name="Retries">Requests sent again after a failure, 429 or 5xx.</param>
/// <param name="LastError">The most recent refusal or failure, in words, or null.</param>
public sealed record NodeProgress(
    Uri Node,
    long Sent,
    long Acknowledged,
    long Duplicates,
    long Rejected,
    long Failed,
    long Retries,
    string? LastError);
