using Microsoft.Data.Sqlite;

namespace Edgewise.Node.Storage;

/// <summary>
/// Deletes what a node no longer needs, oldest first and a bounded chunk per table per pass so
/// the writer is never held long: results, vibration features, aggregates and alerts stored
/// before the age limit, and admission rows whose readings all have results. When the file's
/// used pages exceed the size limit it deletes the oldest chunk regardless of age. An admission
/// row with a reading still waiting for its result is never deleted.
/// </summary>
internal sealed class StoreRetention(SqliteConnection connection)
{
    private static readonly (string Table, string Key, string Age)[] Tables =
    [
        ("results", "id", "completed_at"),
        ("alerts", "id", "stored_at"),
        ("aggregates", "rowid", "stored_at"),
        ("vibration_windows", "rowid", "stored_at"),
    ];

    private SqliteTransaction? _transaction;

    /// <summary>Runs one pass inside the writer's transaction; returns the rows deleted.</summary>
    public int Prune(SqliteTransaction transaction, long cutoff, long maxBytes, long admissionFloor, int chunk)
    {
        _transaction = transaction;
        var overSize = UsedBytes() > maxBytes;
        var ageLimit = overSize ? long.MaxValue / 2 : cutoff;
        var deleted = 0;
        deleted += Execute(
            """
            DELETE FROM admissions WHERE id IN (SELECT id FROM admissions ORDER BY id LIMIT $chunk)
                AND id < $floor AND received_at < $cutoff
            """,
            chunk,
            ageLimit,
            admissionFloor);
        foreach (var (table, key, age) in Tables)
        {
            // WITHOUT ROWID tables are ordered by their age index instead of a row id.
            var oldest = key == "id"
                ? $"SELECT id FROM {table} ORDER BY id LIMIT $chunk"
                : $"SELECT {age} FROM {table} ORDER BY {age} LIMIT 1 OFFSET $chunk - 1";
            var sql = key == "id"
                ? $"DELETE FROM {table} WHERE id IN ({oldest}) AND {age} < $cutoff"
                : $"DELETE FROM {table} WHERE {age} < MIN($cutoff, COALESCE(({oldest}), $cutoff) + 1)";
            deleted += Execute(sql, chunk, ageLimit, long.MaxValue);
        }

        return deleted;
    }

    /// <summary>Returns freed pages to the file system (the file is created with incremental auto-vacuum).</summary>
    public void ReleaseFreePages(SqliteTransaction transaction)
    {
        _transaction = transaction;
        Execute("PRAGMA incremental_vacuum;", 0, 0, 0);
    }

    /// <summary>Bytes in pages the file uses (its size less its free pages).</summary>
    public long UsedBytes()
    {
        using var command = connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";

        return (long)command.ExecuteScalar()!;
    }

    private int Execute(string sql, int chunk, long cutoff, long floor)
    {
        using var command = connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$chunk", chunk);
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$floor", floor);

        return command.ExecuteNonQuery();
    }
}
