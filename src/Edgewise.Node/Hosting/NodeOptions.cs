using Edgewise.Processing;
using Edgewise.Readings;

namespace Edgewise.Node.Hosting;

/// <summary>
/// Settings of one node, bound from the configuration section <c>Node</c> (appsettings.json,
/// environment variables prefixed <c>EDGEWISE_</c> such as <c>EDGEWISE_Node__Workers</c>, and the
/// command line). Validated at start-up.
/// </summary>
public sealed class NodeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Node";

    /// <summary>The node's id in logs, stats and load reports. Default: host and port of its first URL.</summary>
    public string? Id { get; set; }

    /// <summary>Folder for the node's SQLite store. Default <c>./.edgewise/node</c>.</summary>
    public string DataDirectory { get; set; } = Path.Combine(".edgewise", "node");

    /// <summary>Base URLs of the peers (for example <c>http://10.0.0.2:5000</c>).</summary>
    public List<string> Peers { get; set; } = [];

    /// <summary>
    /// Placement policy name: local, round-robin, random, least-loaded, two-choices,
    /// shortest-expected-delay, or the name of a policy in one of <see cref="PolicyAssemblies"/>.
    /// </summary>
    public string Policy { get; set; } = "shortest-expected-delay";

    /// <summary>
    /// Paths of assemblies (.dll) holding policy classes of your own: every public class
    /// implementing IPlacementPolicy with a parameterless constructor becomes a policy under its
    /// Name. Empty by default.
    /// </summary>
    public List<string> PolicyAssemblies { get; set; } = [];

    /// <summary>Worker threads that compute tasks. Default: the processor count.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Emulated speed of this node, in (0, 1]: a worker holds each task for its measured compute
    /// time divided by the speed. 1 (the default) means no emulation.
    /// </summary>
    public double Speed { get; set; } = 1.0;

    /// <summary>How long a device's readings gather into one task. Default 20 ms.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Readings at which a device's task is cut without waiting for the window. Default 256.</summary>
    public int MaxBatchReadings { get; set; } = 256;

    /// <summary>How often the node sends its load report to every peer. Default 250 ms.</summary>
    public TimeSpan LoadReportInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Time a peer has to answer a task or a load report before it is marked down. Default 2 s.</summary>
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before a down peer is probed again; doubles up to 10 s. Default 500 ms.</summary>
    public TimeSpan PeerProbeDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Addresses of a second listener that speaks only HTTP/2 over cleartext (prior knowledge),
    /// for peers' calls; peers list these addresses in their <see cref="Peers"/>. Empty: none.
    /// </summary>
    public List<string> ClusterUrls { get; set; } = [];

    /// <summary>
    /// HTTP version for calls to peers: "2" (HTTP/2 with prior knowledge, the default: measured
    /// faster, see bench/results/peer-calls.md) or "1.1". A peer whose address does not speak
    /// HTTP/2 is called over HTTP/1.1 from the first failed attempt on.
    /// </summary>
    public string PeerHttpVersion { get; set; } = "2";

    /// <summary>Largest request body accepted, in bytes. Default 4 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most readings accepted in one request. Default 10,000.</summary>
    public int MaxReadingsPerRequest { get; set; } = 10_000;

    /// <summary>IANA time zone in which a timestamp without offset is read. Default UTC.</summary>
    public string LocalTimeZone { get; set; } = "UTC";

    /// <summary>Device id given to readings posted to <c>/sensor-data</c>, which carry none. Default "sensor-data".</summary>
    public string SensorDataDeviceId { get; set; } = "sensor-data";

    /// <summary>Kinds of reading accepted; empty means the built-in defaults.</summary>
    public List<KindDefinition> Kinds { get; set; } = [];

    /// <summary>Threshold alert rules.</summary>
    public List<AlertRule> AlertRules { get; set; } = [];

    /// <summary>|z| at or above which a reading is flagged anomalous. Default 3.</summary>
    public double ZScoreThreshold { get; set; } = 3.0;

    /// <summary>Readings of a kind a device needs before its z-score is defined. Default 10.</summary>
    public int MinSamplesForZScore { get; set; } = 10;

    /// <summary>How often the node logs where its work went. Default 5 s.</summary>
    public TimeSpan SummaryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the placement random source; null seeds from the clock.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Maps POST /bench/parse-only, which parses and validates readings like the ingest API and
    /// stores nothing: the baseline of the ingest benchmark. Off by default.
    /// </summary>
    public bool ParseOnlyEndpoint { get; set; }

    /// <summary>True when worker count or speed emulate unequal hardware on one machine.</summary>
    public bool IsEmulated => Speed < 1.0;
}
