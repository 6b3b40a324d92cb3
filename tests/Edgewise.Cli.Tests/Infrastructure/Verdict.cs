using Edgewise.Node.Storage;

namespace Edgewise.Cli.Tests.Infrastructure;

/// <summary>The exactly-once check of a stopped node's store against what its devices were told.</summary>
public static class Verdict
{
    /// <summary>
    /// Asserts that every acknowledged reading is in the store with exactly one result, that the
    /// store holds nothing that was not acknowledged, and, by sequence numbers, that each device's
    /// readings run from 1 to its last acknowledged sequence without a gap.
    /// </summary>
    public static void AssertExactlyOnce(string dataDirectory, IReadOnlySet<(string DeviceId, long Sequence)> acknowledged)
    {
        var audit = StoreAudit.Read(dataDirectory);

        Assert.True(audit.ExactlyOnce, $"readings {audit.Readings}, results {audit.Results}, unprocessed {audit.Unprocessed}, duplicated {audit.Duplicated}");
        var lost = acknowledged.Where(key => !audit.AcceptedKeys.Contains(key)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged readings are not in the store, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.Equal(acknowledged.Count, audit.AcceptedKeys.Count);
        foreach (var device in acknowledged.GroupBy(key => key.DeviceId))
        {
            var sequences = device.Select(key => key.Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(s => (long)s), sequences);
        }
    }
}
