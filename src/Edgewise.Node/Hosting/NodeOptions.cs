using Edgewise.Node.Security;
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
    /// shortest-expected-delay, learned, or the name of a policy in one of <see cref="PolicyAssemblies"/>.
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
    /// Addresses of a second listener for peers' calls; peers list these addresses in their
    /// <see cref="Peers"/>. https (mutual TLS, HTTP/2 by ALPN) with cluster certificates; http
    /// (cleartext HTTP/2 with prior knowledge) only in open mode. Empty: none.
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

    /// <summary>
    /// Readings accepted and not yet applied (batched, queued, computing here or on a peer)
    /// beyond which ingest answers 503 with Retry-After instead of accepting more. Default 200,000.
    /// </summary>
    public int MaxPendingReadings { get; set; } = 200_000;

    /// <summary>The wait a refused request is told to keep (Retry-After, whole seconds). Default 1 s.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a stopping node (SIGTERM, Ctrl+C) waits for its tasks to finish before it exits;
    /// readings still unfinished stay stored and are processed at the next start. Default 10 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Peer attempts a task gets before it runs here. Default 3.</summary>
    public int MaxPeerAttempts { get; set; } = 3;

    /// <summary>Wait before a task whose peer failed is placed again; doubles per attempt, with jitter. Default 20 ms.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Age after which stored results, vibration features, aggregates, alerts, processed readings
    /// and trace files are deleted. Default 7 days.
    /// </summary>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Size the store file may use before its oldest rows are deleted regardless of age. Default 1 GiB.</summary>
    public long MaxStoreBytes { get; set; } = 1L << 30;

    /// <summary>Bytes of trace files kept in the data directory's traces folder; the oldest go first. Default 256 MiB.</summary>
    public long MaxTraceBytes { get; set; } = 256L << 20;

    /// <summary>How often retention runs. Default 1 min.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

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

    /// <summary>
    /// Share of tasks, in [0, 1], placed on a candidate drawn at random instead of by the policy,
    /// so traces cover choices the policy would not make. Default 0; 0.1–0.2 in collection runs.
    /// </summary>
    public double Exploration { get; set; }

    /// <summary>Write one trace row per finished task. Default true.</summary>
    public bool Traces { get; set; } = true;

    /// <summary>Folder of the trace files. Default <c>traces</c> under <see cref="DataDirectory"/>.</summary>
    public string? TraceDirectory { get; set; }

    /// <summary>Size at which a trace file is closed and the next one started. Default 16 MiB.</summary>
    public long TraceMaxFileBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// Model of the learned policy: an ML.NET model (<c>.zip</c>) or ONNX (<c>.onnx</c>), reloaded
    /// when the file changes. Default the shipped model, <c>models/default/model.zip</c> beside the program.
    /// </summary>
    public string? ModelPath { get; set; }

    /// <summary>Milliseconds by which a peer's predicted latency must beat the node's own. Default 0.25.</summary>
    public double ModelMarginMs { get; set; } = 0.25;

    /// <summary>A peer view older than this makes the learned policy fall back to shortest-expected-delay. Default 2 s.</summary>
    public TimeSpan ModelMaxInputAge { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the model file is checked for a change. Default 1 s.</summary>
    public TimeSpan ModelReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed of the placement random source; null seeds from the clock.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Maps the ingest benchmark's baselines: POST /bench/parse-only (parses and validates like
    /// the ingest API, stores nothing) and POST /bench/in-memory-ack (the whole ingest path, but
    /// answered before the commit reaches the disk). Off by default; never for devices.
    /// </summary>
    public bool BenchmarkEndpoints { get; set; }

    /// <summary>API keys, open mode and cluster certificates.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>Rate, connection, header and body limits.</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>The key store file: <see cref="SecurityOptions.ApiKeyFile"/> or <c>keys.json</c> in the data directory.</summary>
    public string ApiKeyFile => string.IsNullOrWhiteSpace(Security.ApiKeyFile)
        ? KeyStore.PathIn(DataDirectory)
        : Security.ApiKeyFile;

    /// <summary>The trace folder in effect: <see cref="TraceDirectory"/> or its default.</summary>
    public string EffectiveTraceDirectory => TraceDirectory ?? Path.Combine(DataDirectory, "traces");

    /// <summary>The model file in effect: <see cref="ModelPath"/> or the shipped model.</summary>
    public string EffectiveModelPath => ModelPath ?? Path.Combine(AppContext.BaseDirectory, "models", "default", "model.zip");

    /// <summary>True when worker count or speed emulate unequal hardware on one machine.</summary>
    public bool IsEmulated => Speed < 1.0;
}
