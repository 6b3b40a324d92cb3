using System.Runtime.InteropServices;
using System.Threading.Channels;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Node.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Edgewise.Node.Storage;

/// <summary>
/// The node's SQLite store: readings it accepted, results, task records, aggregates and alerts.
/// All writes go through one writer thread; commands that queue up while a transaction commits
/// are written together in the next one (group commit), so many concurrent requests pay for one
/// disk sync. The database runs in WAL mode.
/// </summary>
internal sealed partial class NodeStore : IDisposable
{
    private const int MaxCommandsPerTransaction = 2048;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(500);

    private readonly Channel<StoreCommand> _commands = Channel.CreateUnbounded<StoreCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger<NodeStore> _logger;
    private readonly FileStream _directoryLock;
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _readConnection;
    private readonly SqliteConnection _checkpointConnection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _writer;
    private readonly Thread _checkpointer;
    private readonly StoreStatements _statements;

    public NodeStore(string dataDirectory, bool fullSync, ILogger<NodeStore> logger)
    {
        _logger = logger;
        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, Schema.FileName));
        _directoryLock = LockDirectory(dataDirectory);
        try
        {
            _connection = Open(DatabasePath);
            Execute(_connection, "PRAGMA journal_mode=WAL;");
        }
        catch (SqliteException exception)
        {
            _directoryLock.Dispose();
            throw new NodeStartupException(
                $"The node store {DatabasePath} cannot be opened: {exception.Message} Move the file away or point --data elsewhere.",
                exception);
        }

        Execute(_connection, fullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");

        // Checkpoints run on a thread of their own, so the writer never stalls behind one.
        Execute(_connection, "PRAGMA wal_autocheckpoint=0;");
        Execute(_connection, Schema.Create);
        _statements = new StoreStatements(_connection);
        _readConnection = Open(DatabasePath);
        _checkpointConnection = Open(DatabasePath);

        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "edgewise-store" };
        _writer.Start();
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "edgewise-checkpoint" };
        _checkpointer.Start();
    }

    /// <summary>Full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Persists readings and answers, per reading, its sequence and whether it is new (false when
    /// the same (device, sequence) was accepted before). <paramref name="nodeNumbered"/> readings
    /// (prototype formats) get their sequence here. Completes once the transaction has committed.
    /// </summary>
    public Task<AdmittedReading[]> AdmitAsync(IReadOnlyList<Reading> readings, long receivedAt, bool nodeNumbered)
    {
        var command = new StoreCommand.Admit(readings, receivedAt, nodeNumbered);
        Enqueue(command);

        return command.Done.Task;
    }

    /// <summary>Stores a finished task's results; completes once they are committed.</summary>
    public Task CompleteAsync(StoreCommand.Complete command)
    {
        Enqueue(command);

        return command.Done.Task;
    }

    public void SaveAggregates(IReadOnlyList<Aggregate> aggregates)
    {
        if (aggregates.Count > 0)
        {
            Enqueue(new StoreCommand.SaveAggregates(aggregates));
        }
    }

    public void SaveAlerts(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count > 0)
        {
            Enqueue(new StoreCommand.SaveAlerts(alerts));
        }
    }

    /// <summary>Completes when everything queued before the call is committed.</summary>
    public Task FlushAsync()
    {
        var barrier = new StoreCommand.Barrier();
        Enqueue(barrier);

        return barrier.Done.Task;
    }

    /// <summary>Readings accepted but without a stored result: work a crash or stop left unfinished.</summary>
    public IReadOnlyList<Reading> LoadUnfinished()
    {
        using var query = _readConnection.CreateCommand();
        query.CommandText = """
            SELECT r.device_id, r.sequence, r.kind, r.value, r.unit, r.timestamp, r.status,
                   r.samples, r.sample_rate, r.channel
            FROM readings r
            WHERE NOT EXISTS (SELECT 1 FROM results s WHERE s.device_id = r.device_id AND s.sequence = r.sequence)
            ORDER BY r.device_id, r.sequence
            """;
        using var reader = query.ExecuteReader();
        var readings = new List<Reading>();
        while (reader.Read())
        {
            readings.Add(new Reading(
                reader.GetString(0),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetString(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                reader.GetInt64(1),
                Enum.Parse<ReadingStatus>(reader.GetString(6)))
            {
                Samples = reader.IsDBNull(7) ? null : MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(7)).ToArray(),
                SampleRate = reader.IsDBNull(8) ? null : reader.GetDouble(8),
                Channel = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return readings;
    }

    public void Dispose()
    {
        _commands.Writer.TryComplete();
        _writer.Join(TimeSpan.FromSeconds(30));
        _stopping.Cancel();
        _checkpointer.Join(TimeSpan.FromSeconds(30));
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        _statements.Dispose();
        _connection.Dispose();
        _readConnection.Dispose();
        _checkpointConnection.Dispose();
        _stopping.Dispose();
        _directoryLock.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");

        return connection;
    }

    /// <summary>
    /// Creates the data directory and holds an exclusive lock on a file in it for the node's
    /// life, so a second node pointed at the same directory stops instead of sharing the store.
    /// </summary>
    private static FileStream LockDirectory(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "node.lock");
        try
        {
            Directory.CreateDirectory(dataDirectory);

            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception) when (File.Exists(path))
        {
            throw new NodeStartupException(
                $"The data directory {Path.GetFullPath(dataDirectory)} is in use by another node; give each node its own --data.",
                exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new NodeStartupException(
                $"The data directory {Path.GetFullPath(dataDirectory)} cannot be created or written: {exception.Message}",
                exception);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Enqueue(StoreCommand command)
    {
        if (!_commands.Writer.TryWrite(command))
        {
            throw new InvalidOperationException("The node store is closed.");
        }
    }

    /// <summary>
    /// Copies committed WAL pages into the database every half second (a passive checkpoint,
    /// which never blocks the writer). With synchronous=NORMAL this is also when the WAL reaches
    /// the disk, so a power loss can take at most the last half second of transactions.
    /// </summary>
    private void CheckpointLoop()
    {
        while (!_stopping.Token.WaitHandle.WaitOne(CheckpointInterval))
        {
            try
            {
                Execute(_checkpointConnection, "PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (SqliteException exception)
            {
                Log.CheckpointFailed(_logger, exception);
            }
        }
    }

    private void WriteLoop()
    {
        var batch = new List<StoreCommand>(MaxCommandsPerTransaction);
        var reader = _commands.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxCommandsPerTransaction && reader.TryRead(out var command))
            {
                batch.Add(command);
            }

            try
            {
                var admitted = WriteBatch(batch);
                Acknowledge(batch, admitted);
            }
            catch (Exception exception)
            {
                Log.WriteFailed(_logger, batch.Count, exception);
                Fail(batch, exception);
            }

            batch.Clear();
        }
    }

    private List<AdmittedReading[]> WriteBatch(List<StoreCommand> batch)
    {
        var admitted = new List<AdmittedReading[]>();
        using var transaction = _connection.BeginTransaction();
        _statements.Enlist(transaction);
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    admitted.Add(_statements.InsertReadings(admit.Readings, admit.ReceivedAt, admit.NodeNumbered));
                    break;
                case StoreCommand.Complete complete:
                    _statements.InsertResults(complete);
                    break;
                case StoreCommand.SaveAggregates save:
                    _statements.UpsertAggregates(save.Aggregates);
                    break;
                case StoreCommand.SaveAlerts save:
                    _statements.InsertAlerts(save.Alerts);
                    break;
                default:
                    break;
            }
        }

        transaction.Commit();

        return admitted;
    }

    private static void Acknowledge(List<StoreCommand> batch, List<AdmittedReading[]> admitted)
    {
        var next = 0;
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    admit.Done.TrySetResult(admitted[next++]);
                    break;
                case StoreCommand.Complete complete:
                    complete.Done.TrySetResult();
                    break;
                case StoreCommand.Barrier barrier:
                    barrier.Done.TrySetResult();
                    break;
                default:
                    break;
            }
        }
    }

    private static void Fail(List<StoreCommand> batch, Exception exception)
    {
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    admit.Done.TrySetException(exception);
                    break;
                case StoreCommand.Complete complete:
                    complete.Done.TrySetException(exception);
                    break;
                case StoreCommand.Barrier barrier:
                    barrier.Done.TrySetException(exception);
                    break;
                default:
                    break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "StoreWriteFailed", Level = LogLevel.Error,
            Message = "Writing {Count} commands to the node store failed; their callers see the error")]
        public static partial void WriteFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 101, EventName = "CheckpointFailed", Level = LogLevel.Warning,
            Message = "A WAL checkpoint failed; the next one retries")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception);
    }
}
