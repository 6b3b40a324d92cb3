namespace Edgewise.Node.Security;

/// <summary>
/// Limits that keep one client from taking a node down, bound from <c>Node:Limits</c>. Body size
/// and readings per request are <c>Node:MaxRequestBodyBytes</c> and <c>Node:MaxReadingsPerRequest</c>.
/// The defaults are far above what the demo and the ingest benchmark send.
/// </summary>
public sealed class LimitOptions
{
    /// <summary>Requests per second one API key may make to the ingest endpoints (token bucket). Default 5,000.</summary>
    public int KeyRequestsPerSecond { get; set; } = 5_000;

    /// <summary>Requests one API key may make in a burst above its rate. Default 10,000.</summary>
    public int KeyBurst { get; set; } = 10_000;

    /// <summary>Readings per second one device may send (token bucket). Default 5,000.</summary>
    public int DeviceReadingsPerSecond { get; set; } = 5_000;

    /// <summary>Readings one device may send in a burst above its rate. Default 20,000.</summary>
    public int DeviceBurst { get; set; } = 20_000;

    /// <summary>Most samples in one vibration window. Default 65,536.</summary>
    public int MaxSamplesPerWindow { get; set; } = 65_536;

    /// <summary>Most open connections per listener. Default 1,024.</summary>
    public long MaxConnections { get; set; } = 1_024;

    /// <summary>Time a client has to send its request headers. Default 10 s.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slowest request body accepted, in bytes per second, after <see cref="MinBodyRateGrace"/>. Default 240.</summary>
    public double MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Time a body may arrive slower than <see cref="MinBodyBytesPerSecond"/> before the request is cut. Default 5 s.</summary>
    public TimeSpan MinBodyRateGrace { get; set; } = TimeSpan.FromSeconds(5);
}
