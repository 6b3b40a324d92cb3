using System.Text;
using System.Text.Json;
using Edgewise.Readings;
using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Sending;

namespace Edgewise.Simulator.Tests.Sending;

public sealed class ReadingPayloadTests
{
    [Fact]
    public void Serialize_ActiveAndInactiveReadings_WritesTheIngestApiFields()
    {
        var at = new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);
        SimulatedReading[] readings =
        [
            new("T_1", "temperature", 22.4, "°C", ReadingStatus.Active, TimeSpan.Zero, at, 17),
            new("T_1", "temperature", null, null, ReadingStatus.Inactive, TimeSpan.Zero, at, 18),
        ];

        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(ReadingPayload.Serialize(readings)));

        var first = json.RootElement[0];
        var second = json.RootElement[1];
        Assert.Equal("T_1", first.GetProperty("deviceId").GetString());
        Assert.Equal("temperature", first.GetProperty("kind").GetString());
        Assert.Equal(22.4, first.GetProperty("value").GetDouble());
        Assert.Equal("°C", first.GetProperty("unit").GetString());
        Assert.Equal(at, first.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(17, first.GetProperty("sequence").GetInt64());
        Assert.Equal("ACTIVE", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("value").ValueKind);
        Assert.False(second.TryGetProperty("unit", out _));
        Assert.Equal("INACTIVE", second.GetProperty("status").GetString());
    }
}
