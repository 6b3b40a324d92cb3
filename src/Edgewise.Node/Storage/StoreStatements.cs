using System.Globalization;
using System.Runtime.InteropServices;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Tasks;
using Microsoft.Data.Sqlite;

namespace Edgewise.Node.Storage;

/// <summary>Prepared statements of the store's writer, reused for every transaction.</summary>
internal sealed class StoreStatements : IDisposable
{
    private readonly SqliteCommand _insertReading;
    private readonly SqliteCommand _insertResult;
    private readonly SqliteCommand _insertTask;
    private readonly SqliteCommand _upsertAggregate;
    private readonly SqliteCommand _insertAlert;
    private readonly SqliteCommand _insertWindow;
    private readonly SqliteCommand _maxSequence;

    // Highest sequence per device, for node-numbered readings; only devices that sent such
    // readings are tracked, and only the writer thread touches it.
    private readonly Dictionary<string, long> _highestSequence = new(StringComparer.Ordinal);

    public StoreStatements(SqliteConnection connection)
    {
        _insertReading = Prepare(
            connection,
            """
            INSERT OR IGNORE INTO readings
                (device_id, sequence, kind, value, unit, timestamp, status, received_at, samples, sample_rate, channel)
            VALUES ($device, $sequence, $kind, $value, $unit, $timestamp, $status, $received, $samples, $rate, $channel)
            """,
            "$device", "$sequence", "$kind", "$value", "$unit", "$timestamp", "$status", "$received", "$samples", "$rate", "$channel");
        _insertResult = Prepare(
            connection,
            """
            INSERT INTO results (task_id, device_id, sequence, kind, out_of_range, z_score, anomaly, processed_by, processed_at)
            VALUES ($task, $device, $sequence, $kind, $range, $z, $anomaly, $by, $at)
            """,
            "$task", "$device", "$sequence", "$kind", "$range", "$z", "$anomaly", "$by", "$at");
        _insertTask = Prepare(
            connection,
            """
            INSERT INTO tasks (task_id, device_id, kind, size, placed_on, attempts, latency_ms, completed_at)
            VALUES ($task, $device, $kind, $size, $placed, $attempts, $latency, $at)
            """,
            "$task", "$device", "$kind", "$size", "$placed", "$attempts", "$latency", "$at");
        _upsertAggregate = Prepare(
            connection,
            """
            INSERT INTO aggregates (device_id, kind, window_start, window_end, count, sum, min, max, out_of_range, anomalies)
            VALUES ($device, $kind, $start, $end, $count, $sum, $min, $max, $range, $anomalies)
            ON CONFLICT (device_id, kind, window_start) DO UPDATE SET
                count = count + excluded.count,
                sum = sum + excluded.sum,
                min = MIN(min, excluded.min),
                max = MAX(max, excluded.max),
                out_of_range = out_of_range + excluded.out_of_range,
                anomalies = anomalies + excluded.anomalies
            """,
            "$device", "$kind", "$start", "$end", "$count", "$sum", "$min", "$max", "$range", "$anomalies");
        _insertAlert = Prepare(
            connection,
            """
            INSERT INTO alerts (rule, device_id, kind, value, threshold, state, timestamp, sequence)
            VALUES ($rule, $device, $kind, $value, $threshold, $state, $timestamp, $sequence)
            """,
            "$rule", "$device", "$kind", "$value", "$threshold", "$state", "$timestamp", "$sequence");

        _maxSequence = Prepare(connection, "SELECT MAX(sequence) FROM readings WHERE device_id = $device", "$device");

        // A window's features are stored once; its raw samples, kept only so a crash cannot lose
        // an accepted window, are cleared in the same transaction.
        _insertWindow = Prepare(
            connection,
            """
            INSERT INTO vibration_windows
                (task_id, device_id, sequence, channel, rms, peak_to_peak, crest_factor, kurtosis, dominant_hz,
                 band_energies, score, anomaly)
            VALUES ($task, $device, $sequence, $channel, $rms, $p2p, $crest, $kurtosis, $dominant, $bands, $score, $anomaly);
            UPDATE readings SET samples = NULL WHERE device_id = $device AND sequence = $sequence;
            """,
            "$task", "$device", "$sequence", "$channel", "$rms", "$p2p", "$crest", "$kurtosis", "$dominant", "$bands", "$score",
            "$anomaly");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _maxSequence.Transaction = transaction;
        _insertWindow.Transaction = transaction;
        _insertReading.Transaction = transaction;
        _insertResult.Transaction = transaction;
        _insertTask.Transaction = transaction;
        _upsertAggregate.Transaction = transaction;
        _insertAlert.Transaction = transaction;
    }

    /// <summary>
    /// Inserts readings and returns, per reading, its sequence and whether it is new. Readings
    /// in the prototype formats (<paramref name="nodeNumbered"/>) carry no sequence of their own:
    /// each gets the device's highest stored sequence plus one, decided here on the writer thread,
    /// so it can collide neither with another numbered reading nor with one a device numbered
    /// itself. A device whose sequence space is used up gets -1 and nothing is stored.
    /// </summary>
    public AdmittedReading[] InsertReadings(IReadOnlyList<Reading> readings, long receivedAt, bool nodeNumbered)
    {
        var admitted = new AdmittedReading[readings.Count];
        var p = _insertReading.Parameters;
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            var sequence = nodeNumbered ? NextSequence(reading.DeviceId) : reading.Sequence;
            if (sequence < 0)
            {
                admitted[i] = new AdmittedReading(-1, false);
                continue;
            }

            p[0].Value = reading.DeviceId;
            p[1].Value = sequence;
            p[2].Value = reading.Kind;
            p[3].Value = reading.Value is { } value ? value : DBNull.Value;
            p[4].Value = reading.Unit;
            p[5].Value = reading.Timestamp.ToUnixTimeMilliseconds();
            p[6].Value = reading.Status.ToString();
            p[7].Value = receivedAt;
            p[8].Value = reading.Samples is { } samples ? MemoryMarshal.AsBytes(samples.AsSpan()).ToArray() : DBNull.Value;
            p[9].Value = reading.SampleRate is { } rate ? rate : DBNull.Value;
            p[10].Value = reading.Channel is { } channel ? channel : DBNull.Value;
            var fresh = _insertReading.ExecuteNonQuery() == 1;
            if (fresh && _highestSequence.TryGetValue(reading.DeviceId, out var highest) && sequence > highest)
            {
                _highestSequence[reading.DeviceId] = sequence;
            }

            admitted[i] = new AdmittedReading(sequence, fresh);
        }

        return admitted;
    }

    public void InsertResults(StoreCommand.Complete complete)
    {
        var task = complete.Task;
        var p = _insertResult.Parameters;
        for (var i = 0; i < complete.Outcome.Readings.Count; i++)
        {
            var outcome = complete.Outcome.Readings[i];
            p[0].Value = task.TaskId;
            p[1].Value = task.DeviceId;
            p[2].Value = outcome.Sequence;
            p[3].Value = outcome.Kind;
            p[4].Value = outcome.OutOfRange ? 1 : 0;
            p[5].Value = outcome.ZScore is { } z ? z : DBNull.Value;
            p[6].Value = outcome.Anomaly ? 1 : 0;
            p[7].Value = complete.Outcome.ProcessedBy;
            p[8].Value = complete.CompletedAt;
            _insertResult.ExecuteNonQuery();
            if (outcome.Features is { } features)
            {
                InsertWindow(task, task.Readings[i], outcome, features);
            }
        }

        var t = _insertTask.Parameters;
        t[0].Value = task.TaskId;
        t[1].Value = task.DeviceId;
        t[2].Value = task.Kind.ToString();
        t[3].Value = task.Readings.Count;
        t[4].Value = complete.PlacedOn;
        t[5].Value = complete.Attempts;
        t[6].Value = complete.LatencyMs;
        t[7].Value = complete.CompletedAt;
        _insertTask.ExecuteNonQuery();
    }

    public void UpsertAggregates(IReadOnlyList<Aggregate> aggregates)
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
            _upsertAggregate.ExecuteNonQuery();
        }
    }

    public void InsertAlerts(IReadOnlyList<Alert> alerts)
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
            _insertAlert.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _maxSequence.Dispose();
        _insertWindow.Dispose();
        _insertReading.Dispose();
        _insertResult.Dispose();
        _insertTask.Dispose();
        _upsertAggregate.Dispose();
        _insertAlert.Dispose();
    }

    private void InsertWindow(WorkTask task, Reading reading, ReadingOutcome outcome, VibrationFeatures features)
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
        _insertWindow.ExecuteNonQuery();
    }

    /// <summary>The device's highest stored sequence plus one, or -1 when there is none left.</summary>
    private long NextSequence(string deviceId)
    {
        if (!_highestSequence.TryGetValue(deviceId, out var highest))
        {
            _maxSequence.Parameters[0].Value = deviceId;
            highest = _maxSequence.ExecuteScalar() is long max ? max : 0;
        }

        if (highest == long.MaxValue)
        {
            return -1;
        }

        _highestSequence[deviceId] = highest + 1;

        return highest + 1;
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
