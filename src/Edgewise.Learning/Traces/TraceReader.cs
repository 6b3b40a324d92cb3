using Edgewise.Placement;
using Edgewise.Traces;
using Parquet;
using Parquet.Schema;

namespace Edgewise.Learning.Traces;

/// <summary>
/// Reads trace files written by <see cref="TraceWriter"/> (or by any tool that writes the same
/// Parquet columns). Every column is checked: a missing column, a value that is NaN or infinite,
/// a negative latency or an unknown task kind stops the read with a message naming the file, the
/// row (1-based, counted over the whole file) and the column.
/// </summary>
public static class TraceReader
{
    /// <summary>Reads every trace of one file.</summary>
    /// <exception cref="TraceFormatException">The file is unreadable, truncated, or has a bad row.</exception>
    public static IReadOnlyList<TaskTrace> Read(string path) =>
        ReadAsync(path, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Reads every trace of the files and directories in <paramref name="paths"/> (see <see cref="TraceFiles.Expand"/>).</summary>
    /// <exception cref="TraceFormatException">A file is unreadable, truncated, or has a bad row.</exception>
    public static IReadOnlyList<TaskTrace> ReadAll(IEnumerable<string> paths)
    {
        var traces = new List<TaskTrace>();
        foreach (var file in TraceFiles.Expand(paths))
        {
            traces.AddRange(Read(file));
        }

        return traces;
    }

    /// <summary>Reads every trace of one file.</summary>
    /// <exception cref="TraceFormatException">The file is unreadable, truncated, or has a bad row.</exception>
    public static async Task<IReadOnlyList<TaskTrace>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new TraceFormatException(
                $"{path}: not a readable trace file, it may be truncated or not Parquet ({exception.Message}).",
                exception);
        }

        await using (reader)
        {
            var fields = Columns(reader.Schema, path);
            var traces = new List<TaskTrace>();
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                try
                {
                    using var rowGroup = reader.OpenRowGroupReader(group);
                    var columns = await RowGroupColumns.ReadAsync(rowGroup, fields, cancellationToken);
                    columns.AppendTo(traces, path);
                }
                catch (Exception exception) when (exception is not (TraceFormatException or OperationCanceledException))
                {
                    throw new TraceFormatException(
                        $"{path}, row group {group + 1} (from row {traces.Count + 1}): unreadable ({exception.Message}).",
                        exception);
                }
            }

            return traces;
        }
    }

    private static Dictionary<string, DataField> Columns(ParquetSchema schema, string path)
    {
        var present = schema.GetDataFields().ToDictionary(field => field.Name, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var expected in TraceColumns.Schema.GetDataFields())
        {
            if (!present.TryGetValue(expected.Name, out var field))
            {
                missing.Add(expected.Name);
            }
            else if (field.ClrType != expected.ClrType)
            {
                throw new TraceFormatException(
                    $"{path}: column {expected.Name} holds {field.ClrType.Name}, expected {expected.ClrType.Name}.");
            }
        }

        if (missing.Count > 0)
        {
            throw new TraceFormatException(
                $"{path}: missing column(s) {string.Join(", ", missing)}; a trace file needs "
                    + $"{string.Join(", ", TraceColumns.Schema.GetDataFields().Select(field => field.Name))}.");
        }

        return present;
    }

    /// <summary>One row group's columns, read whole and then turned into traces row by row.</summary>
    private sealed class RowGroupColumns
    {
        private string?[] _taskId = [];
        private long[] _placedAt = [];
        private string?[] _home = [];
        private string?[] _chosen = [];
        private string?[] _policy = [];
        private bool[] _explored = [];
        private int[] _candidates = [];
        private int[] _kind = [];
        private int[] _size = [];
        private int[] _queue = [];
        private int[] _inFlight = [];
        private int[] _workers = [];
        private double[] _service = [];
        private double[] _viewAge = [];
        private double[] _roundTrip = [];
        private bool[] _isSelf = [];
        private double[] _latency = [];

        public static async Task<RowGroupColumns> ReadAsync(
            ParquetRowGroupReader group,
            Dictionary<string, DataField> fields,
            CancellationToken cancellationToken)
        {
            var rows = checked((int)group.RowCount);
            var columns = new RowGroupColumns
            {
                _taskId = await Strings(TraceColumns.TaskId),
                _placedAt = await Values<long>(TraceColumns.PlacedAtUnixMs),
                _home = await Strings(TraceColumns.HomeNodeId),
                _chosen = await Strings(TraceColumns.ChosenNodeId),
                _policy = await Strings(TraceColumns.Policy),
                _explored = await Values<bool>(TraceColumns.Explored),
                _candidates = await Values<int>(TraceColumns.CandidateCount),
                _kind = await Values<int>(TraceColumns.TaskKind),
                _size = await Values<int>(TraceColumns.TaskSize),
                _queue = await Values<int>(TraceColumns.QueueLength),
                _inFlight = await Values<int>(TraceColumns.InFlight),
                _workers = await Values<int>(TraceColumns.Workers),
                _service = await Values<double>(TraceColumns.ServiceTimeMs),
                _viewAge = await Values<double>(TraceColumns.ViewAgeMs),
                _roundTrip = await Values<double>(TraceColumns.LinkRoundTripMs),
                _isSelf = await Values<bool>(TraceColumns.IsSelf),
                _latency = await Values<double>(TraceColumns.LatencyMs),
            };

            return columns;

            async Task<T[]> Values<T>(DataField<T> column)
                where T : struct
            {
                var values = new T[rows];
                await group.ReadAsync(fields[column.Name], values.AsMemory(), cancellationToken: cancellationToken);

                return values;
            }

            async Task<string?[]> Strings(DataField<string> column)
            {
                var values = new string?[rows];
                await group.ReadAsync(fields[column.Name], values.AsMemory(), cancellationToken: cancellationToken);

                return values;
            }
        }

        public void AppendTo(List<TaskTrace> traces, string path)
        {
            for (var i = 0; i < _latency.Length; i++)
            {
                var row = traces.Count + 1;
                if (_kind[i] is not ((int)TaskKind.Scalar or (int)TaskKind.Vibration))
                {
                    throw Bad(path, row, "taskKind", $"is {_kind[i]}, expected 0 (scalar) or 1 (vibration)");
                }

                Finite(path, row, "serviceTimeMs", _service[i]);
                Finite(path, row, "viewAgeMs", _viewAge[i]);
                Finite(path, row, "linkRoundTripMs", _roundTrip[i]);
                Finite(path, row, "latencyMs", _latency[i]);
                if (_latency[i] < 0)
                {
                    throw Bad(path, row, "latencyMs", $"is negative ({_latency[i]})");
                }

                var features = new PlacementFeatures(
                    (TaskKind)_kind[i],
                    _size[i],
                    _queue[i],
                    _inFlight[i],
                    _workers[i],
                    _service[i],
                    _viewAge[i],
                    _roundTrip[i],
                    _isSelf[i]);
                traces.Add(new TaskTrace(
                    _taskId[i] ?? string.Empty,
                    DateTimeOffset.FromUnixTimeMilliseconds(_placedAt[i]),
                    _home[i] ?? string.Empty,
                    _chosen[i] ?? string.Empty,
                    _policy[i] ?? string.Empty,
                    _explored[i],
                    _candidates[i],
                    features,
                    _latency[i]));
            }
        }

        private static void Finite(string path, int row, string column, double value)
        {
            if (!double.IsFinite(value))
            {
                throw Bad(path, row, column, double.IsNaN(value) ? "is NaN" : "is infinite");
            }
        }

        private static TraceFormatException Bad(string path, int row, string column, string problem) =>
            new($"{path}, row {row}: {column} {problem}.");
    }
}
