using System.Globalization;
using System.Threading.Channels;
using Edgewise.Traces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parquet;

namespace Edgewise.Learning.Traces;

/// <summary>
/// Writes traces to Apache Parquet files in a directory, on a thread of its own: <see cref="Write"/>
/// only queues the row, so a task's completion never waits for the disk. Rows are written in row
/// groups; a file is closed and a new one started once it reaches the size limit or its age limit,
/// so at most that much is lost when the process dies (an open file has no footer yet and is kept
/// as <c>*.parquet.partial</c>, which readers skip).
/// </summary>
public sealed partial class TraceWriter : ITraceSink, IAsyncDisposable
{
    /// <summary>Default size at which a file is closed and the next one started: 16 MiB.</summary>
    public const long DefaultMaxFileBytes = 16L * 1024 * 1024;

    private const int QueueCapacity = 65_536;
    private const int RowsPerGroup = 4096;

    private readonly string _directory;
    private readonly long _maxFileBytes;
    private readonly TimeSpan _maxFileAge;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<TaskTrace> _queue;
    private readonly Task _loop;
    private readonly List<TaskTrace> _buffer = new(RowsPerGroup);
    private OpenFile? _file;
    private long _written;
    private long _dropped;
    private long _filesClosed;
    private int _sequence;

    /// <summary>Starts a writer into <paramref name="directory"/>, created if missing.</summary>
    /// <param name="directory">Folder of the trace files.</param>
    /// <param name="maxFileBytes">Size at which a file is closed and the next one started. Default 16 MiB.</param>
    /// <param name="maxFileAge">Age at which a file with rows is closed. Default 1 minute.</param>
    /// <param name="flushInterval">Longest time a row waits in memory before its row group is written. Default 1 s.</param>
    /// <param name="time">Clock for file names and the intervals. Default the system clock.</param>
    /// <param name="logger">Where write failures go.</param>
    public TraceWriter(
        string directory,
        long maxFileBytes = DefaultMaxFileBytes,
        TimeSpan? maxFileAge = null,
        TimeSpan? flushInterval = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFileBytes, 1024);

        _directory = Path.GetFullPath(directory);
        _maxFileBytes = maxFileBytes;
        _maxFileAge = maxFileAge ?? TimeSpan.FromMinutes(1);
        _flushInterval = flushInterval ?? TimeSpan.FromSeconds(1);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        System.IO.Directory.CreateDirectory(_directory);
        _queue = Channel.CreateBounded<TaskTrace>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The folder the files are written to.</summary>
    public string Directory => _directory;

    /// <summary>Rows written to files so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows dropped because the queue was full (the disk could not keep up) or a write failed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Files closed and readable so far.</summary>
    public long FilesClosed => Interlocked.Read(ref _filesClosed);

    /// <inheritdoc />
    public void Write(TaskTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (!_queue.Writer.TryWrite(trace))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Writes what is queued, closes the open file and stops the writer's thread.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var lastFlush = _time.GetTimestamp();
        while (true)
        {
            bool open;
            using (var tick = new CancellationTokenSource(_flushInterval, _time))
            {
                try
                {
                    open = await reader.WaitToReadAsync(tick.Token);
                }
                catch (OperationCanceledException)
                {
                    // The flush interval passed without a row: flush what waits.
                    open = true;
                }
            }

            if (!open)
            {
                break;
            }

            while (reader.TryRead(out var trace))
            {
                _buffer.Add(trace);
                if (_buffer.Count >= RowsPerGroup)
                {
                    await FlushAsync();
                    lastFlush = _time.GetTimestamp();
                }
            }

            if (_time.GetElapsedTime(lastFlush) >= _flushInterval)
            {
                await FlushAsync();
                await CloseIfOldAsync();
                lastFlush = _time.GetTimestamp();
            }
        }

        await FlushAsync();
        await CloseAsync();
    }

    private async Task FlushAsync()
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        try
        {
            _file ??= await OpenAsync();
            await WriteRowGroupAsync(_file.Writer, _buffer);
            Interlocked.Add(ref _written, _buffer.Count);
            if (_file.Stream.Length >= _maxFileBytes)
            {
                await CloseAsync();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Interlocked.Add(ref _dropped, _buffer.Count);
            Log.WriteFailed(_logger, _buffer.Count, _directory, exception);
            await AbandonAsync();
        }
        finally
        {
            _buffer.Clear();
        }
    }

    private async Task CloseIfOldAsync()
    {
        if (_file is { } file && _time.GetElapsedTime(file.OpenedAt) >= _maxFileAge)
        {
            await CloseAsync();
        }
    }

    private async Task<OpenFile> OpenAsync()
    {
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        string name, partial;
        do
        {
            // Another writer (a restarted node, the simulator's next scenario) may have taken the
            // name within the same second: never reuse one, finished or not.
            name = $"traces-{stamp}-{++_sequence:D4}";
            partial = Path.Combine(_directory, name + TraceFiles.PartialExtension);
        }
        while (File.Exists(partial) || File.Exists(Path.Combine(_directory, name + TraceFiles.Extension)));

        var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read);
        var writer = await ParquetWriter.CreateAsync(TraceColumns.Schema, stream);

        return new OpenFile(partial, Path.Combine(_directory, name + TraceFiles.Extension), stream, writer, _time.GetTimestamp());
    }

    private async Task CloseAsync()
    {
        if (_file is not { } file)
        {
            return;
        }

        _file = null;
        try
        {
            await file.Writer.DisposeAsync();
            await file.Stream.DisposeAsync();
            File.Move(file.PartialPath, file.FinalPath, overwrite: false);
            Interlocked.Increment(ref _filesClosed);
            Log.FileClosed(_logger, file.FinalPath);
        }
        catch (IOException exception)
        {
            Log.WriteFailed(_logger, 0, file.PartialPath, exception);
        }
    }

    private async Task AbandonAsync()
    {
        if (_file is not { } file)
        {
            return;
        }

        _file = null;
        try
        {
            await file.Stream.DisposeAsync();
        }
        catch (IOException)
        {
            // The file was already failing; the log has the first error.
        }
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, List<TaskTrace> rows)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(TraceColumns.TaskId, rows.ConvertAll(row => row.TaskId));
        await group.WriteAsync<long>(TraceColumns.PlacedAtUnixMs, Column(rows, row => row.PlacedAt.ToUnixTimeMilliseconds()));
        await group.WriteAsync(TraceColumns.HomeNodeId, rows.ConvertAll(row => row.HomeNodeId));
        await group.WriteAsync(TraceColumns.ChosenNodeId, rows.ConvertAll(row => row.ChosenNodeId));
        await group.WriteAsync(TraceColumns.Policy, rows.ConvertAll(row => row.Policy));
        await group.WriteAsync<bool>(TraceColumns.Explored, Column(rows, row => row.Explored));
        await group.WriteAsync<int>(TraceColumns.CandidateCount, Column(rows, row => row.CandidateCount));
        await group.WriteAsync<int>(TraceColumns.TaskKind, Column(rows, row => (int)row.Features.Kind));
        await group.WriteAsync<int>(TraceColumns.TaskSize, Column(rows, row => row.Features.TaskSize));
        await group.WriteAsync<int>(TraceColumns.QueueLength, Column(rows, row => row.Features.QueueLength));
        await group.WriteAsync<int>(TraceColumns.InFlight, Column(rows, row => row.Features.InFlight));
        await group.WriteAsync<int>(TraceColumns.Workers, Column(rows, row => row.Features.Workers));
        await group.WriteAsync<double>(TraceColumns.ServiceTimeMs, Column(rows, row => row.Features.ServiceTimeMs));
        await group.WriteAsync<double>(TraceColumns.ViewAgeMs, Column(rows, row => row.Features.ViewAgeMs));
        await group.WriteAsync<double>(TraceColumns.LinkRoundTripMs, Column(rows, row => row.Features.LinkRoundTripMs));
        await group.WriteAsync<bool>(TraceColumns.IsSelf, Column(rows, row => row.Features.IsSelf));
        await group.WriteAsync<double>(TraceColumns.LatencyMs, Column(rows, row => row.LatencyMs));
    }

    private static T[] Column<T>(List<TaskTrace> rows, Func<TaskTrace, T> select)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = select(rows[i]);
        }

        return values;
    }

    private sealed record OpenFile(
        string PartialPath,
        string FinalPath,
        FileStream Stream,
        ParquetWriter Writer,
        long OpenedAt);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4000, EventName = "TraceWriteFailed", Level = LogLevel.Warning,
            Message = "Could not write {Rows} trace rows to {Path}; they are dropped and the next rows go to a new file")]
        public static partial void WriteFailed(ILogger logger, int rows, string path, Exception exception);

        [LoggerMessage(EventId = 4001, EventName = "TraceFileClosed", Level = LogLevel.Debug,
            Message = "Trace file {Path} closed")]
        public static partial void FileClosed(ILogger logger, string path);
    }
}
