using System.Globalization;
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

    /// <summary>Accepted readings with no result.</summary>
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
        var readings = Scalar(connection, "SELECT COUNT(*) FROM readings");
        var results = Scalar(connection, "SELECT COUNT(*) FROM results");
        var unprocessed = Scalar(
            connection,
            """
            SELECT COUNT(*) FROM readings r
            WHERE NOT EXISTS (SELECT 1 FROM results s WHERE s.device_id = r.device_id AND s.sequence = r.sequence)
            """);
        var duplicated = Scalar(
            connection,
            "SELECT COUNT(*) FROM (SELECT 1 FROM results GROUP BY device_id, sequence HAVING COUNT(*) > 1)");

        var processedBy = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT processed_by, COUNT(*) FROM results GROUP BY processed_by";
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                processedBy[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var accepted = new HashSet<(string, long)>();
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT device_id, sequence FROM readings";
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                accepted.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        return new StoreAudit(path, readings, results, unprocessed, duplicated, processedBy, accepted);
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
