using System.Threading.Channels;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Node.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Edgewise.Node.Storage;

/// <summary>
/// The node's SQLite store: readings it accepted, results, aggregates and alerts. All writes go
/// through one writer thread; commands that queue up while a transaction commits are written
/// together in the next one (group commit), so many concurrent requests share one disk sync.
/// The database runs in WAL mode with synchronous=FULL: a commit returns only after the WAL is
/// synced to disk, and a reading is acknowledged only after its commit.
/// </summary>
internal sealed partial class NodeStore : IDisposable
{
    private const int MaxCommandsPerTransaction = 2048;
    private const int RetentionChunk = 5000;
    private const int StartupTimeoutSeconds = 2;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(500);

    private readonly Channel<StoreCommand> _commands = Channel.CreateUnbounded<StoreCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly ILogger<NodeStore> _logger;
    private readonly TimeProvider _time;
    private readonly FileStream _directoryLock;
    private readonly SqliteConnection _connection;
    private readonly SqliteConnection _checkpointConnection;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _writer;
    private readonly Thread _checkpointer;
    private readonly AdmissionLedger _ledger = new();
    private readonly StoreStatements _statements;
    private readonly StoreRetention _retention;
    private List<Reading>? _unfinished;
    private int _disposed;

    public NodeStore(string dataDirectory, TimeProvider time, ILogger<NodeStore> logger)
    {
        _logger = logger;
        _time = time;
        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, Schema.FileName));
        _directoryLock = LockDirectory(dataDirectory);
        try
        {
            _connection = Open(DatabasePath, timeoutSeconds: StartupTimeoutSeconds);
            Prepare(_connection, DatabasePath);
            _statements = new StoreStatements(_connection, _ledger);
            _retention = new StoreRetention(_connection);
            _unfinished = LoadLedger();
            _checkpointConnection = Open(DatabasePath);
        }
        catch (Exception exception) when (exception is SqliteException or InvalidDataException or EndOfStreamException
            or NodeStartupException)
        {
            _connection?.Dispose();
            _directoryLock.Dispose();
            SqliteConnection.ClearAllPools();
            throw exception as NodeStartupException ?? new NodeStartupException(StartupMessage(DatabasePath, exception), exception);
        }

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
    /// (prototype formats) get their sequence here. Completes once the transaction has committed
    /// (synced to disk), or, with <paramref name="waitForCommit"/> false (the benchmark's
    /// in-memory acknowledgement), as soon as the writer has decided, before the commit.
    /// </summary>
    public Task<AdmittedReading[]> AdmitAsync(
        IReadOnlyList<Reading> readings,
        long receivedAt,
        bool nodeNumbered,
        bool waitForCommit = true)
    {
        var command = new StoreCommand.Admit(readings, receivedAt, nodeNumbered);
        Enqueue(command);

        return waitForCommit ? command.Done.Task : command.Decided.Task;
    }

    /// <summary>Stores a finished task's results; completes once they are committed.</summary>
    public Task CompleteAsync(StoreCommand.Complete command)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = command.Committed;
        Complete(command with
        {
            Committed = error =>
            {
                committed?.Invoke(error);
                _ = error is null ? done.TrySetResult() : done.TrySetException(error);
            },
        });

        return done.Task;
    }

    /// <summary>
    /// Stores a finished task's results without a task to wait on: the command's
    /// <see cref="StoreCommand.Complete.Committed"/> callback says when they are committed. The
    /// local path uses it, so a task finished here costs no hop through the thread pool.
    /// </summary>
    public void Complete(StoreCommand.Complete command) => Enqueue(command);

    public void SaveAggregates(IReadOnlyList<Aggregate> aggregates)
    {
        if (aggregates.Count > 0)
        {
            Enqueue(new StoreCommand.SaveAggregates(aggregates, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }

    public void SaveAlerts(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count > 0)
        {
            Enqueue(new StoreCommand.SaveAlerts(alerts, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>Completes when everything queued before the call is committed.</summary>
    public Task FlushAsync()
    {
        var barrier = new StoreCommand.Barrier();
        Enqueue(barrier);

        return barrier.Done.Task;
    }

    /// <summary>
    /// One retention pass: deletes, oldest first and at most a chunk per table, what was stored
    /// before <paramref name="cutoff"/>, or the oldest rows regardless of age while the file uses
    /// more than <paramref name="maxBytes"/>. Completes with the rows deleted.
    /// </summary>
    public Task<int> PruneAsync(DateTimeOffset cutoff, long maxBytes)
    {
        var command = new StoreCommand.Prune(cutoff.ToUnixTimeMilliseconds(), maxBytes);
        Enqueue(command);

        return command.Done.Task;
    }

    /// <summary>
    /// Readings accepted but without a stored result when the node started: work a crash or a
    /// stop left unfinished. Answered once; later calls get nothing.
    /// </summary>
    public IReadOnlyList<Reading> LoadUnfinished() => Interlocked.Exchange(ref _unfinished, null) ?? [];

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _commands.Writer.TryComplete();
        _writer.Join(TimeSpan.FromSeconds(30));
        _stopping.Cancel();
        _checkpointer.Join(TimeSpan.FromSeconds(30));
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        _statements.Dispose();
        _connection.Dispose();
        _checkpointConnection.Dispose();
        _stopping.Dispose();
        _directoryLock.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal static SqliteConnection Open(
        string path,
        SqliteOpenMode mode = SqliteOpenMode.ReadWriteCreate,
        int timeoutSeconds = 30)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = timeoutSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout={timeoutSeconds * 1000};");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Sets the file up: refuses a file of another schema version, WAL with synchronous=FULL,
    /// incremental auto-vacuum (set before the first table, so retention can give pages back),
    /// no automatic checkpoints (a thread of their own runs them), then the tables.
    /// </summary>
    private static void Prepare(SqliteConnection connection, string path)
    {
        var version = Query(connection, "PRAGMA user_version;");
        var tables = Query(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';");
        if (tables > 0 && version != Schema.Version)
        {
            throw new NodeStartupException(
                $"The node store {path} has schema version {version}; this node needs version {Schema.Version}. "
                + "Move the file away (or point --data elsewhere) to start with an empty store.");
        }

        if (tables == 0)
        {
            Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL;");
        }

        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "PRAGMA synchronous=FULL;");
        Execute(connection, "PRAGMA wal_autocheckpoint=0;");
        Execute(connection, Schema.Create);
        Execute(connection, $"PRAGMA user_version={Schema.Version};");
    }

    private static string StartupMessage(string path, Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } =>
            $"The node store {path} is locked by another program ({Reason(exception)}). Stop that program or point --data elsewhere.",
        SqliteException { SqliteErrorCode: 11 or 26 } or InvalidDataException or EndOfStreamException =>
            $"The node store {path} is damaged or not a node store ({Reason(exception)}). "
            + "Move the file away (or point --data elsewhere) to start with an empty store.",
        _ => $"The node store {path} cannot be opened ({Reason(exception)}). Move the file away or point --data elsewhere.",
    };

    private static string Reason(Exception exception) => exception is SqliteException sqlite
        ? $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message.Replace("SQLite Error ", string.Empty, StringComparison.Ordinal)}"
        : exception.Message;

    private static long Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Rebuilds the in-memory ledger from the file: every admitted (device, sequence), and which
    /// have no stored result. Returns those readings, windows with their samples, in device and
    /// sequence order. Runs at start, and on the writer after a failed transaction, whose
    /// admissions the ledger had already counted.
    /// </summary>
    private List<Reading> LoadLedger()
    {
        _ledger.Clear();
        foreach (var (admission, reading, _) in StoreScan.Admitted(_connection))
        {
            _ledger.Accept(reading.DeviceId, reading.Sequence);
            _ledger.AwaitResult(reading.DeviceId, reading.Sequence, admission);
        }

        foreach (var (deviceId, sequence, _) in StoreScan.Processed(_connection))
        {
            _ledger.ResultStored(deviceId, sequence);
        }

        var unfinished = new List<Reading>(_ledger.Pending);
        if (_ledger.Pending == 0)
        {
            return unfinished;
        }

        foreach (var (_, reading, hasSamples) in StoreScan.Admitted(_connection))
        {
            if (_ledger.IsPending(reading.DeviceId, reading.Sequence))
            {
                unfinished.Add(hasSamples
                    ? reading with { Samples = StoreScan.Samples(_connection, reading.DeviceId, reading.Sequence) ?? [] }
                    : reading);
            }
        }

        unfinished.Sort(static (x, y) => x.DeviceId == y.DeviceId
            ? x.Sequence.CompareTo(y.Sequence)
            : string.CompareOrdinal(x.DeviceId, y.DeviceId));

        return unfinished;
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
    /// which never blocks the writer), so the WAL does not grow without bound.
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
                var answers = WriteBatch(batch);
                Acknowledge(batch, answers);
            }
            catch (Exception exception)
            {
                Log.WriteFailed(_logger, batch.Count, exception);
                Fail(batch, exception);
                RebuildLedger();
            }

            batch.Clear();
        }
    }

    /// <summary>The ledger counted the failed transaction's readings as accepted; read it again from the file.</summary>
    private void RebuildLedger()
    {
        try
        {
            LoadLedger();
        }
        catch (Exception exception)
        {
            Log.LedgerRebuildFailed(_logger, exception);
        }
    }

    private List<object> WriteBatch(List<StoreCommand> batch)
    {
        var answers = new List<object>();
        var admittedAt = long.MinValue;
        using var transaction = _connection.BeginTransaction();
        _statements.Enlist(transaction);
        _statements.DiscardAdmission();
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    var admitted = _statements.AdmitReadings(admit.Readings, admit.NodeNumbered);
                    admittedAt = Math.Max(admittedAt, admit.ReceivedAt);
                    admit.Decided.TrySetResult(admitted);
                    answers.Add(admitted);
                    break;
                case StoreCommand.Complete complete:
                    _statements.InsertResults(complete);
                    break;
                case StoreCommand.SaveAggregates save:
                    _statements.UpsertAggregates(save.Aggregates, save.StoredAt);
                    break;
                case StoreCommand.SaveAlerts save:
                    _statements.InsertAlerts(save.Alerts, save.StoredAt);
                    break;
                case StoreCommand.Prune prune:
                    var deleted = _retention.Prune(transaction, prune.Cutoff, prune.MaxBytes, _ledger.Floor, RetentionChunk);
                    if (deleted > 0)
                    {
                        _retention.ReleaseFreePages(transaction);
                    }

                    answers.Add(deleted);
                    break;
                default:
                    break;
            }
        }

        _statements.WriteAdmission(admittedAt);
        transaction.Commit();

        return answers;
    }

    private void Acknowledge(List<StoreCommand> batch, List<object> answers)
    {
        var next = 0;
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    admit.Done.TrySetResult((AdmittedReading[])answers[next++]);
                    break;
                case StoreCommand.Prune prune:
                    prune.Done.TrySetResult((int)answers[next++]);
                    break;
                case StoreCommand.Complete complete:
                    Notify(complete, null);
                    break;
                case StoreCommand.Barrier barrier:
                    barrier.Done.TrySetResult();
                    break;
                default:
                    break;
            }
        }
    }

    private void Fail(List<StoreCommand> batch, Exception exception)
    {
        foreach (var command in batch)
        {
            switch (command)
            {
                case StoreCommand.Admit admit:
                    admit.Decided.TrySetException(exception);
                    admit.Done.TrySetException(exception);
                    break;
                case StoreCommand.Prune prune:
                    prune.Done.TrySetException(exception);
                    break;
                case StoreCommand.Complete complete:
                    Notify(complete, exception);
                    break;
                case StoreCommand.Barrier barrier:
                    barrier.Done.TrySetException(exception);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Runs a completion's callback; one that throws is logged and cannot stop the writer.</summary>
    private void Notify(StoreCommand.Complete complete, Exception? error)
    {
        try
        {
            complete.Committed?.Invoke(error);
        }
        catch (Exception exception)
        {
            Log.CallbackFailed(_logger, complete.Task.TaskId, exception);
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

        [LoggerMessage(EventId = 102, EventName = "LedgerRebuildFailed", Level = LogLevel.Error,
            Message = "Reading the accepted readings back from the node store failed after a failed write")]
        public static partial void LedgerRebuildFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 103, EventName = "StoreCallbackFailed", Level = LogLevel.Error,
            Message = "The commit callback of task {TaskId} failed")]
        public static partial void CallbackFailed(ILogger logger, string taskId, Exception exception);
    }
}
