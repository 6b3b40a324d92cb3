namespace Edgewise.Readings;

/// <summary>
/// A kind of reading in the catalogue: its unit and the range of values that are physically
/// plausible for it. Values outside the range are kept and flagged, never dropped.
/// </summary>
public sealed record KindDefinition(string Name, string Unit, double Min, double Max);
