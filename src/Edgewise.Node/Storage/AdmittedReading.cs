namespace Edgewise.Node.Storage;

/// <summary>What admission did with one reading: its sequence (-1 when none was left) and whether it was new.</summary>
internal readonly record struct AdmittedReading(long Sequence, bool Fresh);
