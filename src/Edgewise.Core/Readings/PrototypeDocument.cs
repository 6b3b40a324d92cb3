using System.Text.Json.Serialization;

namespace Edgewise.Readings;

/// <summary>A reading as the original prototype's simulator posts it, before validation.</summary>
internal sealed class PrototypeDocument
{
    [JsonPropertyName("sensor_id")]
    public string? SensorId { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; set; }
}
