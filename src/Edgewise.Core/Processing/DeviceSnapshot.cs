namespace Edgewise.Processing;

/// <summary>A consistent copy of one device's state on its home node.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Readings">Readings applied, all kinds.</param>
/// <param name="LastSeen">Latest creation time of an applied task, on the home node's clock.</param>
/// <param name="Kinds">Per kind, ordered by name.</param>
/// <param name="Vibration">Per vibration kind and channel, ordered; null for a device that sent no window.</param>
public sealed record DeviceSnapshot(
    string DeviceId,
    long Readings,
    DateTimeOffset LastSeen,
    IReadOnlyList<KindSnapshot> Kinds,
    IReadOnlyList<VibrationSnapshot>? Vibration = null);
