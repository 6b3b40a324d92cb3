using System.Text.Json;
using System.Text.Json.Serialization;
using Edgewise.Processing;

namespace Edgewise.Node.Api;

/// <summary>Source-generated JSON for the node's read API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(DeviceSnapshot))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class NodeJsonContext : JsonSerializerContext;
