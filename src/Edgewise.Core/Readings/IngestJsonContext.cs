using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edgewise.Readings;

/// <summary>Source-generated JSON for the ingest API's answers, camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IngestReceipt))]
[JsonSerializable(typeof(ReadingError))]
[JsonSerializable(typeof(IReadOnlyList<ReadingError>))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
