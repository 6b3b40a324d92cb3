using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edgewise.Readings;

/// <summary>
/// Source-generated reading of request bodies: numbers must be JSON numbers, never strings, and a
/// property given twice is an error rather than last-one-wins.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ReadingDocument))]
[JsonSerializable(typeof(PrototypeDocument))]
internal sealed partial class ReadingDocumentJsonContext : JsonSerializerContext;
