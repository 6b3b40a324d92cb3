using System.Text.Json;
using System.Text.Json.Serialization;
using Edgewise.Learning.Models;

namespace Edgewise.Learning;

/// <summary>Source-generated JSON for model cards.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ModelCard))]
public sealed partial class LearningJsonContext : JsonSerializerContext;
