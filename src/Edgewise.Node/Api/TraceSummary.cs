namespace Edgewise.Node.Api;

/// <summary>The node's trace files.</summary>
/// <param name="Directory">Their folder, or null when traces are off.</param>
/// <param name="Written">Rows written.</param>
/// <param name="Dropped">Rows dropped because the disk could not keep up or failed.</param>
public sealed record TraceSummary(string? Directory, long Written, long Dropped);
