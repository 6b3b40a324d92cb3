using System.Globalization;
using System.Runtime.InteropServices;
using Edgewise.Placement;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;
using Microsoft.Data.Sqlite;

namespace Edgewise.Node.Storage;

/// <summary>Prepared statements of the store's writer, reused for every transaction.</summary>
internal sealed class StoreStatements : IDisposable
{
    private readonly SqliteCommand _insertAdmission;
    private readonly SqliteCommand _insertSamples;
    private readonly RawStatement _insertResult;
    private readonly SqliteCommand _upsertAggregate;
    private readonly SqliteCommand _insertAlert;
    private readonly SqliteCommand _insertWindow;
    private readonly AdmissionLedger _ledger;
    private readonly MemoryStream _buffer = new();
    private readonly MemoryStream _admissionBuffer = new();
    private readonly BinaryWriter _admissionWriter;
    private readonly List<(string DeviceId, long Sequence)> _fresh = [];

    public StoreStatements(SqliteConnection connection, AdmissionLedger ledger)
    {
        _ledger = ledger;
        _admissionWriter = new BinaryWriter(_admissionBuffer, System.Text.Encoding.UTF8, leaveOpen: true);
        _insertAdmission = Prepare(
            connection,
            "INSERT INTO admissions (received_at, count, readings) VALUES ($received, $count, $readings) RETURNING id",
            "$received", "$count", "$readings");
        _insertSamples = Prepare(
            connection,
            "INSERT OR REPLACE INTO window_samples (device_id, sequence, samples) VALUES ($device, $sequence, $samples)",
            "$device", "$sequence", "$samples");
        _insertResult = new RawStatement(
            connection,
            """
            INSERT OR IGNORE INTO results
                (task_id, device_id, kind, size, placed_on, processed_by, attempts, latency_ms, completed_at, outcomes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        _upsertAggregate = Prepare(
            connection,
            """
            INSERT INTO aggregates
                (device_id, kind, window_start, window_end, count, sum, min, max, out_of_range, anomalies, stored_at)
            VALUES ($device, $kind, $start, $end, $count, $sum, $min, $max, $range, $anomalies, $at)
            ON CONFLICT (device_id, kind, window_start) DO UPDATE SET
                count = count + excluded.count,
                sum = sum + excluded.sum,
                min = MIN(min, excluded.min),
                max = MAX(max, excluded.max),
                out_of_range = out_of_range + excluded.out_of_range,
                anomalies = anomalies + excluded.anomalies,
                stored_at = excluded.stored_at
            """,
            "$device", "$kind", "$start", "$end", "$count", "$sum", "$min", "$max", "$range", "$anomalies", "$at");
        _insertAlert = Prepare(
            connection,
            """
            INSERT INTO alerts (rule, device_id, kind, value, threshold, state, timestamp, sequence, stored_at)
            VALUES ($rule, $device, $kind, $value, $threshold, $state, $timestamp, $sequence, $at)
            """,
            "$rule", "$device", "$kind", "$value", "$threshold", "$state", "$timestamp", "$sequence", "$at");

        // A window's features are stored once; its raw samples, kept only so a crash cannot lose
        // an accepted window, are cleared in the same transaction.
        _insertWindow = Prepare(
            connection,
            """
            INSERT OR IGNORE INTO vibration_windows
                (task_id, device_id, sequence, channel, rms, peak_to_peak, crest_factor, kurtosis, dominant_hz,
                 band_energies, score, anomaly, stored_at)
            VALUES ($task, $device, $sequence, $channel, $rms, $p2p, $crest, $kurtosis, $dominant, $bands, $score, $anomaly, $at);
            DELETE FROM window_samples WHERE device_id = $device AND sequence = $sequence;
            """,
            "$task", "$device", "$sequence", "$channel", "$rms", "$p2p", "$crest", "$kurtosis", "$dominant", "$bands", "$score",
            "$anomaly", "$at");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _insertAdmission.Transaction = transaction;
        _insertSamples.Transaction = transaction;
        _insertWindow.Transaction = transaction;
        _upsertAggregate.Transaction = transaction;
        _insertAlert.Transaction = transaction;
    }

    /// <summary>
    /// Decides, per reading of one request, its sequence and whether it is new (false when the
    /// device's sequence was accepted before), and appends the new ones to the admission row that
    /// <see cref="WriteAdmission"/> stores for the whole transaction. Readings in the prototype
    /// formats (<paramref name="nodeNumbered"/>) carry no sequence of their own: each gets the
    /// device's highest accepted sequence plus one, decided here on the writer thread, so it can
    /// collide neither with another numbered reading nor with one a device numbered itself. A
    /// device whose sequence space is used up gets -1.
    /// </summary>
    public AdmittedReading[] AdmitReadings(IReadOnlyList<Reading> readings, bool nodeNumbered)
    {
        var admitted = new AdmittedReading[readings.Count];
        if (_fresh.Count == 0)
        {
            _admissionBuffer.SetLength(0);
            StoreCodec.BeginBlob(_admissionWriter);
        }

        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            var sequence = nodeNumbered ? _ledger.NextSequence(reading.DeviceId) : reading.Sequence;
            if (sequence < 0)
            {
                admitted[i] = new AdmittedReading(-1, false);
                continue;
            }

            var fresh = _ledger.Accept(reading.DeviceId, sequence);
            admitted[i] = new AdmittedReading(sequence, fresh);
            if (!fresh)
            {
                continue;
            }

            StoreCodec.WriteReading(_admissionWriter, reading, sequence);
            _fresh.Add((reading.DeviceId, sequence));
            if (reading.Samples is { } samples)
            {
                var s = _insertSamples.Parameters;
                s[0].Value = reading.DeviceId;
                s[1].Value = sequence;
                s[2].Value = MemoryMarshal.AsBytes(samples.AsSpan()).ToArray();
                _insertSamples.ExecuteNonQuery();
            }
        }

        return admitted;
    }

    /// <summary>
    /// Stores the new readings that <see cref="AdmitReadings"/> gathered since the last call, of
    /// every request in the transaction, as one admission row received at
    /// <paramref name="receivedAt"/> (the latest of those requests, so age-based retention never
    /// deletes a row early). One row per transaction instead of one per request keeps a commit of
    /// many single-reading requests to one insert.
    /// </summary>
    public void WriteAdmission(long receivedAt)
    {
        if (_fresh.Count == 0)
        {
            return;
        }

        _admissionWriter.Flush();
        var p = _insertAdmission.Parameters;
        p[0].Value = receivedAt;
        p[1].Value = _fresh.Count;
        p[2].Value = _admissionBuffer.ToArray();
        var id = (long)_insertAdmission.ExecuteScalar()!;
        foreach (var (deviceId, sequence) in _fresh)
        {
            _ledger.AwaitResult(deviceId, sequence, id);
        }

        _fresh.Clear();
    }

    /// <summary>Forgets readings gathered for an admission row that was never written (a failed transaction).</summary>
    public void DiscardAdmission() => _fresh.Clear();

    /// <summary>
    /// Stores a task's results as one row, once: a second completion of the same task id (a
    /// late reply, a retry that raced) changes nothing.
    /// </summary>
    public void InsertResults(StoreCommand.Complete complete)
    {
        var task = complete.Task;
        var statement = _insertResult;
        statement.Bind(1, task.TaskId);
        statement.Bind(2, task.DeviceId);
        statement.Bind(3, task.Kind switch
        {
            TaskKind.Scalar => nameof(TaskKind.Scalar),
            TaskKind.Vibration => nameof(TaskKind.Vibration),
            var other => other.ToString(),
        });
        statement.Bind(4, task.Readings.Count);
        statement.Bind(5, complete.PlacedOn);
        statement.Bind(6, complete.Outcome.ProcessedBy);
        statement.Bind(7, complete.Attempts);
        statement.Bind(8, complete.LatencyMs);
        statement.Bind(9, complete.CompletedAt);
        statement.Bind(10, StoreCodec.WriteOutcomes(complete.Outcome.Readings, _buffer));
        if (statement.Execute() == 0)
        {
            return;
        }

        for (var i = 0; i < complete.Outcome.Readings.Count; i++)
        {
            var outcome = complete.Outcome.Readings[i];
            _ledger.ResultStored(task.DeviceId, outcome.Sequence);
            if (outcome.Features is { } features)
            {
                InsertWindow(task, task.Readings[i], outcome, features, complete.CompletedAt);
            }
        }
    }

    public void UpsertAggregates(IReadOnlyList<Aggregate> aggregates, long storedAt)
    {
        var p = _upsertAggregate.Parameters;
        foreach (var aggregate in aggregates)
        {
            p[0].Value = aggregate.DeviceId;
            p[1].Value = aggregate.Kind;
            p[2].Value = aggregate.WindowStart.ToUnixTimeMilliseconds();
            p[3].Value = aggregate.WindowEnd.ToUnixTimeMilliseconds();
            p[4].Value = aggregate.Count;
            p[5].Value = aggregate.Sum;
            p[6].Value = aggregate.Min;
            p[7].Value = aggregate.Max;
            p[8].Value = aggregate.OutOfRange;
            p[9].Value = aggregate.Anomalies;
            p[10].Value = storedAt;
            _upsertAggregate.ExecuteNonQuery();
        }
    }

    public void InsertAlerts(IReadOnlyList<Alert> alerts, long storedAt)
    {
        var p = _insertAlert.Parameters;
        foreach (var alert in alerts)
        {
            p[0].Value = alert.Rule;
            p[1].Value = alert.DeviceId;
            p[2].Value = alert.Kind;
            p[3].Value = alert.Value;
            p[4].Value = alert.Threshold;
            p[5].Value = alert.State.ToString();
            p[6].Value = alert.Timestamp.ToUnixTimeMilliseconds();
            p[7].Value = alert.Sequence;
            p[8].Value = storedAt;
            _insertAlert.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _insertAdmission.Dispose();
        _insertSamples.Dispose();
        _insertWindow.Dispose();
        _insertResult.Dispose();
        _admissionWriter.Dispose();
        _admissionBuffer.Dispose();
        _buffer.Dispose();
        _upsertAggregate.Dispose();
        _insertAlert.Dispose();
    }

    private void InsertWindow(
        WorkTask task,
        Reading reading,
        ReadingOutcome outcome,
        VibrationFeatures features,
        long completedAt)
    {
        var p = _insertWindow.Parameters;
        p[0].Value = task.TaskId;
        p[1].Value = task.DeviceId;
        p[2].Value = outcome.Sequence;
        p[3].Value = reading.Channel is { } channel ? channel : DBNull.Value;
        p[4].Value = features.Rms;
        p[5].Value = features.PeakToPeak;
        p[6].Value = features.CrestFactor;
        p[7].Value = features.Kurtosis;
        p[8].Value = features.DominantFrequencyHz;
        p[9].Value = string.Join(',', features.BandEnergies.Select(energy => energy.ToString("R", CultureInfo.InvariantCulture)));
        p[10].Value = outcome.ZScore ?? 0;
        p[11].Value = outcome.Anomaly ? 1 : 0;
        p[12].Value = completedAt;
        _insertWindow.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();

        return command;
    }
}
