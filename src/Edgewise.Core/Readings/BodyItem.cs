using System.Text.Json;

namespace Edgewise.Readings;

/// <summary>Where one item of a request body lies, in bytes, and what token it starts with.</summary>
internal readonly record struct BodyItem(int Start, int Length, JsonTokenType Token);
