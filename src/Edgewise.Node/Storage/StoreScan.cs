using System.Runtime.InteropServices;
using Edgewise.Readings;
using Microsoft.Data.Sqlite;

namespace Edgewise.Node.Storage;

/// <summary>Reads a store file's admissions and results back, for recovery at start and for audits.</summary>
internal static class StoreScan
{
    /// <summary>Every admitted reading with the admission row it is in, in admission order; windows without samples.</summary>
    public static IEnumerable<(long AdmissionId, Reading Reading, bool HasSamples)> Admitted(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT id, readings FROM admissions ORDER BY id";
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            foreach (var (reading, hasSamples) in StoreCodec.ReadReadings((byte[])reader.GetValue(1)))
            {
                yield return (id, reading, hasSamples);
            }
        }
    }

    /// <summary>Every stored result, per reading: device, sequence and the node that computed it.</summary>
    public static IEnumerable<(string DeviceId, long Sequence, string ProcessedBy)> Processed(SqliteConnection connection)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT device_id, processed_by, outcomes FROM results ORDER BY id";
        using var reader = query.ExecuteReader();
        while (reader.Read())
        {
            var deviceId = reader.GetString(0);
            var processedBy = reader.GetString(1);
            foreach (var outcome in StoreCodec.ReadOutcomes((byte[])reader.GetValue(2)))
            {
                yield return (deviceId, outcome.Sequence, processedBy);
            }
        }
    }

    /// <summary>The waiting samples of a vibration window, or null when they are gone.</summary>
    public static float[]? Samples(SqliteConnection connection, string deviceId, long sequence)
    {
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT samples FROM window_samples WHERE device_id = $device AND sequence = $sequence";
        query.Parameters.AddWithValue("$device", deviceId);
        query.Parameters.AddWithValue("$sequence", sequence);

        return query.ExecuteScalar() is byte[] bytes ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
    }
}
