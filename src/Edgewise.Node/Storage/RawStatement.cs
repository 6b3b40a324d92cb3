using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Edgewise.Node.Storage;

/// <summary>
/// One prepared statement driven through SQLitePCLRaw, the binding under Microsoft.Data.Sqlite,
/// for the writer's hottest insert: a task's result row, once per task. Binding by position and
/// stepping the handle directly skips the ADO.NET command, reader and parameter objects, which
/// cost more than SQLite's own work for a small row. It runs on the connection's handle, so it
/// takes part in the transaction the connection has open. Errors come back as
/// <see cref="SqliteException"/>, as from the rest of the store.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly byte[] _scratch = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds an integer to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Binds a real to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    /// <summary>Binds text to the 1-based parameter <paramref name="index"/>, encoded without allocating when it is short.</summary>
    public void Bind(int index, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length) <= _scratch.Length
            ? Encoding.UTF8.GetBytes(value, _scratch)
            : -1;
        Check(length >= 0
            ? raw.sqlite3_bind_text(_statement, index, _scratch.AsSpan(0, length))
            : raw.sqlite3_bind_text(_statement, index, value));
    }

    /// <summary>Binds a blob to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement to its end and readies it for the next use; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
            {
                Check(result);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException(
                $"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.",
                result,
                raw.sqlite3_extended_errcode(_db));
        }
    }
}
