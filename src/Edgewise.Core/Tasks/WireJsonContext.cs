using System.Text.Json;
using System.Text.Json.Serialization;
using Edgewise.Placement;
using Edgewise.Readings;

namespace Edgewise.Tasks;

/// <summary>
/// Source-generated JSON for what nodes send each other: tasks, outcomes and load reports.
/// camelCase, enums as strings, no reflection at run time.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkTask))]
[JsonSerializable(typeof(TaskReply))]
[JsonSerializable(typeof(TaskOutcome))]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(Reading))]
public sealed partial class WireJsonContext : JsonSerializerContext;
