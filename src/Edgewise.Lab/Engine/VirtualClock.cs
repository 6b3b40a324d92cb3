namespace Edgewise.Lab.Engine;

/// <summary>The simulator's virtual time as a <see cref="TimeProvider"/>, so policies read it as they read a node's clock.</summary>
internal sealed class VirtualClock : TimeProvider
{
    private static readonly DateTimeOffset _origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Milliseconds since the start of the run.</summary>
    public double NowMs { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => _origin.AddTicks(GetTimestamp());

    public override long GetTimestamp() => (long)(NowMs * TimeSpan.TicksPerMillisecond);

    /// <summary>The instant <paramref name="ms"/> milliseconds after the start of the run.</summary>
    public static DateTimeOffset At(double ms) => _origin.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));
}
