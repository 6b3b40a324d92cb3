using System.Text.Json.Serialization;

namespace Edgewise.Readings;

/// <summary>A reading as the native API spells it, before validation.</summary>
internal sealed class ReadingDocument
{
    public string? DeviceId { get; set; }

    public string? Kind { get; set; }

    public double? Value { get; set; }

    public string? Unit { get; set; }

    public string? Timestamp { get; set; }

    public long? Sequence { get; set; }

    public string? Status { get; set; }

    [JsonConverter(typeof(SampleArrayConverter))]
    public SampleArray? Samples { get; set; }

    public double? SampleRate { get; set; }

    public string? Channel { get; set; }
}
