using System.Text.Json;
using System.Text.Json.Serialization;
using Edgewise.Processing;

namespace Edgewise.Node.Api;

/// <summary>Source-generated JSON for the node's read API.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(DeviceSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ModelResponse))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
