using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Sending;

/// <summary>
/// Writes a device tick for the ingest API: scalar readings as a JSON array, and each vibration
/// window in a request of its own, as little-endian float32 with its fields in the query string
/// or as a one-element JSON array.
/// </summary>
internal static class ReadingPayload
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    private static readonly MediaTypeHeaderValue _json = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue _octetStream = new("application/octet-stream");

    /// <summary>
    /// Splits a tick into requests in reading order: each run of scalar readings goes in one JSON
    /// array, each vibration window alone, since one window can outweigh a thousand scalars.
    /// </summary>
    public static IReadOnlyList<IngestRequest> Requests(
        IReadOnlyList<SimulatedReading> tick,
        VibrationFormat format)
    {
        var requests = new List<IngestRequest>(1);
        var scalars = new List<SimulatedReading>();
        foreach (var reading in tick)
        {
            if (!reading.IsVibration)
            {
                scalars.Add(reading);
                continue;
            }

            FlushScalars(requests, scalars);
            requests.Add(format == VibrationFormat.Binary
                ? new IngestRequest([reading], Samples(reading.Samples!), Query(reading), _octetStream)
                : new IngestRequest([reading], Serialize([reading]), null, _json));
        }

        FlushScalars(requests, scalars);

        return requests;
    }

    /// <summary>Writes readings as the ingest API's JSON array, vibration windows with their samples.</summary>
    public static byte[] Serialize(IReadOnlyList<SimulatedReading> readings)
    {
        var sampleCount = readings.Sum(reading => reading.Samples?.Length ?? 0);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>((256 * readings.Count) + (12 * sampleCount));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reading in readings)
            {
                writer.WriteStartObject();
                writer.WriteString("deviceId", reading.DeviceId);
                writer.WriteString("kind", reading.Kind);
                WriteMeasurement(writer, reading);
                if (reading.Unit is not null)
                {
                    writer.WriteString("unit", reading.Unit);
                }

                writer.WriteString("timestamp", reading.Timestamp.ToUniversalTime());
                writer.WriteNumber("sequence", reading.Sequence);
                writer.WriteString("status", StatusName(reading.Status));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The samples as little-endian float32, whatever the host's byte order.</summary>
    public static byte[] Samples(float[] samples)
    {
        var body = new byte[samples.Length * sizeof(float)];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * sizeof(float)), samples[i]);
        }

        return body;
    }

    /// <summary>
    /// The query string of a binary window: deviceId, sequence, sampleRate (Hz), timestamp (UTC,
    /// ISO 8601), channel when known, samples (the count) and status, each escaped.
    /// </summary>
    public static string Query(SimulatedReading reading)
    {
        var query = new StringBuilder(160);
        foreach (var (name, value) in VibrationFields(reading))
        {
            Append(query, name, value);
        }

        return query.ToString();
    }

    /// <summary>
    /// The fields of a binary window by name, in the order <see cref="Query"/> writes them; MQTT
    /// carries the same fields as user properties.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> VibrationFields(SimulatedReading reading)
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return (VibrationMetadata.DeviceIdName, reading.DeviceId);
        yield return (VibrationMetadata.SequenceName, reading.Sequence.ToString(invariant));
        yield return (VibrationMetadata.SampleRateName, (reading.SampleRate ?? 0).ToString("R", invariant));
        yield return (VibrationMetadata.TimestampName, reading.Timestamp.UtcDateTime.ToString(TimestampFormat, invariant));
        if (reading.Channel is not null)
        {
            yield return (VibrationMetadata.ChannelName, reading.Channel);
        }

        yield return (VibrationMetadata.SamplesName, (reading.Samples?.Length ?? 0).ToString(invariant));
        yield return (VibrationMetadata.StatusName, StatusName(reading.Status));
    }

    private static void FlushScalars(List<IngestRequest> requests, List<SimulatedReading> scalars)
    {
        if (scalars.Count == 0)
        {
            return;
        }

        requests.Add(new IngestRequest([.. scalars], Serialize(scalars), null, _json));
        scalars.Clear();
    }

    private static void WriteMeasurement(Utf8JsonWriter writer, SimulatedReading reading)
    {
        if (reading.Samples is not { } samples)
        {
            if (reading.Value is { } value)
            {
                writer.WriteNumber("value", value);
            }
            else
            {
                writer.WriteNull("value");
            }

            return;
        }

        // A vibration reading carries samples in place of a value, and the node refuses both at once.
        writer.WriteStartArray("samples");
        foreach (var sample in samples)
        {
            writer.WriteNumberValue(sample);
        }

        writer.WriteEndArray();
        writer.WriteNumber("sampleRate", reading.SampleRate ?? 0);
        if (reading.Channel is not null)
        {
            writer.WriteString("channel", reading.Channel);
        }
    }

    private static void Append(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    // The wire spells statuses as the prototype did, upper case.
    private static string StatusName(ReadingStatus status) => status switch
    {
        ReadingStatus.Active => "ACTIVE",
        ReadingStatus.Inactive => "INACTIVE",
        _ => "ERROR",
    };
}
