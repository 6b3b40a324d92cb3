using System.Net.Http.Headers;
using System.Text.Json;
using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Sending;

/// <summary>Writes a device tick as the ingest API's JSON array of readings.</summary>
internal static class ReadingPayload
{
    private static readonly MediaTypeHeaderValue _json = new("application/json") { CharSet = "utf-8" };

    public static byte[] Serialize(IReadOnlyList<SimulatedReading> readings)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 * readings.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var reading in readings)
            {
                writer.WriteStartObject();
                writer.WriteString("deviceId", reading.DeviceId);
                writer.WriteString("kind", reading.Kind);
                if (reading.Value is { } value)
                {
                    writer.WriteNumber("value", value);
                }
                else
                {
                    writer.WriteNull("value");
                }

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

    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = _json;

        return content;
    }

    // The wire spells statuses as the prototype did, upper case.
    private static string StatusName(ReadingStatus status) => status switch
    {
        ReadingStatus.Active => "ACTIVE",
        ReadingStatus.Inactive => "INACTIVE",
        _ => "ERROR",
    };
}
