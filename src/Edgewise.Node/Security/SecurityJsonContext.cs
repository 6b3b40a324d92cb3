using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edgewise.Node.Security;

/// <summary>Source-generated JSON of the key store file.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(KeyStoreDocument))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
