using Edgewise.Placement;
using Edgewise.Readings;

namespace Edgewise.Tasks;

/// <summary>
/// A unit of work made from one device's readings, placed as a whole on one node. It carries
/// everything the computing node needs, so a peer keeps no device state (DESIGN.md decision 1).
/// </summary>
/// <param name="TaskId">Unique id, assigned by the home node; a result is applied once per id.</param>
/// <param name="HomeNode">Id of the node that owns the device.</param>
/// <param name="DeviceId">The device the readings came from.</param>
/// <param name="Kind">What the task computes.</param>
/// <param name="Readings">The readings, in arrival order.</param>
/// <param name="Baselines">The device's running statistics per kind when the task was made.</param>
/// <param name="CreatedAt">When the home node made the task; latency is measured from here.</param>
public sealed record WorkTask(
    string TaskId,
    string HomeNode,
    string DeviceId,
    TaskKind Kind,
    IReadOnlyList<Reading> Readings,
    IReadOnlyList<KindBaseline> Baselines,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The size a policy sees: readings in a scalar batch, or samples in a vibration window (the
    /// FFT's cost grows with them, not with the one reading that carries them).
    /// </summary>
    public PlacementTask Placement => new(Kind, Kind == TaskKind.Vibration ? SampleCount() : Readings.Count);

    private int SampleCount()
    {
        var samples = 0;
        foreach (var reading in Readings)
        {
            samples += reading.Samples?.Length ?? 0;
        }

        return samples;
    }
}
