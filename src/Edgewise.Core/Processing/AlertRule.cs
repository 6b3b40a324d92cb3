namespace Edgewise.Processing;

/// <summary>
/// A threshold alert from configuration: raised when a value of <see cref="Kind"/> goes above
/// <see cref="Above"/> or below <see cref="Below"/>, cleared when it comes back.
/// </summary>
public sealed record AlertRule
{
    /// <summary>The rule's name, unique among the rules; alerts carry it.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The kind of reading the rule watches.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The one device the rule watches, or null for every device.</summary>
    public string? DeviceId { get; init; }

    /// <summary>A value strictly above this violates the rule; null for no upper threshold.</summary>
    public double? Above { get; init; }

    /// <summary>A value strictly below this violates the rule; null for no lower threshold.</summary>
    public double? Below { get; init; }
}
