using Edgewise.Readings;

namespace Edgewise.Node.Ingest;

/// <summary>
/// The sequence source given to the parser for the prototype formats, whose readings carry no
/// sequence: it answers 0, and the store numbers each reading when it admits it, on its single
/// writer thread, where no other admission can take the same number.
/// </summary>
internal sealed class NumberedAtAdmission : ISequenceSource
{
    public static NumberedAtAdmission Instance { get; } = new();

    public long Next(string deviceId) => 0;
}
