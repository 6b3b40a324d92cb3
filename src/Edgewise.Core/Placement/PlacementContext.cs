namespace Edgewise.Placement;

/// <summary>
/// The clock and random source a policy may use. A live node passes the system clock and a
/// seeded or shared random; the simulator passes its virtual clock, so the same policy code
/// runs in both.
/// </summary>
public sealed class PlacementContext(TimeProvider time, Random random)
{
    /// <summary>The clock of the world the policy runs in.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>The only random source a policy may use.</summary>
    public Random Random { get; } = random;
}
