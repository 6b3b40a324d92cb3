using System.Collections.Frozen;

namespace Edgewise.Readings;

/// <summary>
/// The kinds of reading a node accepts, looked up by name without regard to case. A reading of a
/// kind that is not in the catalogue is rejected.
/// </summary>
public sealed class KindCatalogue
{
    /// <summary>Name of the kind whose readings are windows of samples, not one value.</summary>
    public const string VibrationKind = "vibration";

    private readonly FrozenDictionary<string, KindDefinition> _kinds;

    /// <summary>Creates a catalogue of the given kinds; a later kind of the same name replaces an earlier one.</summary>
    public KindCatalogue(IEnumerable<KindDefinition> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);

        var byName = new Dictionary<string, KindDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in kinds)
        {
            if (!(kind.Min < kind.Max))
            {
                throw new ArgumentException(
                    $"Kind '{kind.Name}': the plausible range needs min < max (got {kind.Min} and {kind.Max}).",
                    nameof(kinds));
            }

            byName[kind.Name] = kind with { Name = kind.Name.ToLowerInvariant() };
        }

        _kinds = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The kinds a node knows without configuration: temperature (°C, -40 to 85, the range of
    /// common sensor chips), humidity (%, 0 to 100), light (lx, 0 to 100,000), voltage (V, 0 to 400),
    /// power (kW, 0 to 50), energy (Wh, 0 to 1,000,000) and vibration (g, -500 to 500). For
    /// vibration the range applies to each sample: a window with any sample outside it is flagged
    /// OutOfRange as a whole, never dropped.
    /// </summary>
    public static IReadOnlyList<KindDefinition> Defaults { get; } =
    [
        new("temperature", "°C", -40, 85),
        new("humidity", "%", 0, 100),
        new("light", "lx", 0, 100_000),
        new("voltage", "V", 0, 400),
        new("power", "kW", 0, 50),
        new("energy", "Wh", 0, 1_000_000),
        new(VibrationKind, "g", -500, 500),
    ];

    /// <summary>All kinds, by lower-case name.</summary>
    public IEnumerable<KindDefinition> Kinds => _kinds.Values;

    /// <summary>Finds a kind by name, ignoring case.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KindDefinition? kind) =>
        _kinds.TryGetValue(name, out kind);
}
