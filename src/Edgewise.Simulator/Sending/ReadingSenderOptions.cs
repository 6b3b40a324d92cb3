namespace Edgewise.Simulator.Sending;

/// <summary>How the sender talks to nodes: concurrency, retries, back-off and timeouts.</summary>
public sealed record ReadingSenderOptions
{
    /// <summary>API key sent as <c>Authorization: Bearer</c> with every request; null sends none (nodes in open mode).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Most requests in flight at once over all nodes; default 64.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>Most attempts per request, the first included; default 8.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Time one attempt may take before it counts as timed out and is retried; default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off before the second attempt, doubled for each later one; default 200 ms.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest back-off between attempts; default 10 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Cap on a node's Retry-After, so one answer cannot stall a device; default 30 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How vibration windows are sent: binary (default) or JSON.</summary>
    public VibrationFormat VibrationFormat { get; init; } = VibrationFormat.Binary;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(
            RequestTimeout,
            TimeSpan.Zero,
            nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseBackoff, TimeSpan.Zero, nameof(BaseBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, BaseBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
    }
}
