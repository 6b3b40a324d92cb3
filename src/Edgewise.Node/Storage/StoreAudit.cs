using Microsoft.Data.Sqlite;

namespace Edgewise.Node.Storage;

/// <summary>
/// Reads a stopped node's store and tells whether every accepted reading was processed exactly
/// once: each reading has one result row, no reading has two, and no result lacks its reading.
/// </summary>
public sealed class StoreAudit
{
    private StoreAudit(
        string path,
        long readings,
        long results,
        long unprocessed,
        long duplicated,
        IReadOnlyDictionary<string, long> processedBy,
        HashSet<(string DeviceId, long Sequence)> accepted)
    {
        DatabasePath = path;
        Readings = readings;
        Results = results;
        Unprocessed = unprocessed;
        Duplicated = duplicated;
        ProcessedBy = processedBy;
        AcceptedKeys = accepted;
    }

    /// <summary>The audited file.</summary>
    public string DatabasePath { get; }

    /// <summary>Readings the node accepted.</summary>
    public long Readings { get; }

    /// <summary>Result rows stored.</summary>
    public long Results { get; }

    /// <summary>Accepted readings with no result, plus results of readings never accepted.</summary>
    public long Unprocessed { get; }

    /// <summary>Readings with more than one result.</summary>
    public long Duplicated { get; }

    /// <summary>Result rows by the node that computed them.</summary>
    public IReadOnlyDictionary<string, long> ProcessedBy { get; }

    /// <summary>(device, sequence) of every accepted reading.</summary>
    public IReadOnlySet<(string DeviceId, long Sequence)> AcceptedKeys { get; }

    /// <summary>True when every accepted reading has exactly one result.</summary>
    public bool ExactlyOnce => Unprocessed == 0 && Duplicated == 0 && Results == Readings;

    /// <summary>Audits the store in a node's data directory (read-only).</summary>
    public static StoreAudit Read(string dataDirectory)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, Schema.FileName));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No node store at {path}.", path);
        }

        using var connection = NodeStore.Open(path, SqliteOpenMode.ReadOnly);
        var accepted = new HashSet<(string, long)>();
        long readings = 0;
        foreach (var (_, reading, _) in StoreScan.Admitted(connection))
        {
            accepted.Add((reading.DeviceId, reading.Sequence));
            readings++;
        }

        var resultsPerReading = new Dictionary<(string, long), int>();
        var processedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        long results = 0;
        long orphans = 0;
        foreach (var (deviceId, sequence, by) in StoreScan.Processed(connection))
        {
            var key = (deviceId, sequence);
            resultsPerReading[key] = resultsPerReading.GetValueOrDefault(key) + 1;
            processedBy[by] = processedBy.GetValueOrDefault(by) + 1;
            results++;
            if (!accepted.Contains(key))
            {
                orphans++;
            }
        }

        var unprocessed = accepted.Count(key => !resultsPerReading.ContainsKey(key));
        var duplicated = resultsPerReading.Values.Count(count => count > 1);

        return new StoreAudit(path, readings, results, unprocessed + orphans, duplicated, processedBy, accepted);
    }

}
