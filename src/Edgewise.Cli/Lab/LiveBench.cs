using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Edgewise.Cli.Demo;
using Edgewise.Lab.Engine;
using Edgewise.Lab.Scenarios;
using Edgewise.Node.Hosting;
using Edgewise.Node.Storage;
using Edgewise.Placement;
using Edgewise.Readings;
using HdrHistogram;
using Microsoft.Data.Sqlite;

namespace Edgewise.Cli.Lab;

/// <summary>
/// The live benchmark: for each policy, starts real nodes on loopback with the scenario's
/// capacities (its first nodes, workers and emulated speed), drives the scenario's arrivals at
/// them in real time — the same arrival process, device homes and seed as the simulator — as
/// vibration windows (binary) and scalar batches (JSON) over HTTP, waits until every task is
/// done, stops the nodes and reads each task's latency from the home nodes' stores. Queue and
/// utilisation come from polling GET /api/v1/stats every 200 ms.
/// </summary>
internal sealed class LiveBench(ILiveClusterLauncher launcher, BenchSettings settings)
{
    private const int MaxConcurrentSends = 128;
    private const double SampleRateHz = 20_480;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);
    private static readonly MediaTypeHeaderValue _octetStream = new("application/octet-stream");
    private static readonly DateTimeOffset _epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<double> _serviceTimes = [];

    /// <summary>
    /// Mean time a task held a worker on the live nodes, at speed 1, in milliseconds (from the
    /// nodes' smoothed service times at the end of each run); 0 before a run.
    /// </summary>
    public double MeasuredServiceMs => _serviceTimes.Count == 0 ? 0 : _serviceTimes.Average();

    /// <summary>The scenario cut to what the benchmark runs: its first nodes, the benchmark's rate and duration, no failures.</summary>
    public Scenario Scale(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var nodes = scenario.Nodes
            .SelectMany(node => ScenarioFile.ExpandIds(node).Select(id => node with { Id = id, Count = 1 }))
            .Take(settings.MaxNodes)
            .ToList();
        var hot = scenario.Devices.HotNode is { } id && nodes.Any(node => node.Id == id) ? id : null;

        return scenario with
        {
            Nodes = nodes,
            Tasks = Math.Max(1, (long)Math.Round(settings.RatePerSecond * settings.Duration.TotalSeconds)),
            Arrivals = scenario.Arrivals with { RatePerSecond = settings.RatePerSecond },
            Devices = scenario.Devices with { HotNode = hot, Count = Math.Min(scenario.Devices.Count, 300) },
            Failures = [],
        };
    }

    /// <summary>Runs every policy on the scaled scenario; a policy the nodes cannot resolve is listed as unavailable.</summary>
    public async Task<ComparisonResult> RunAsync(
        Scenario scaled,
        string? scenarioDirectory,
        PolicyCatalog catalog,
        TextWriter log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scaled);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(log);

        _serviceTimes.Clear();
        var missing = Comparison.Unavailable(catalog, settings.Policies);
        var results = new List<SimulationResult>();
        Workload? workload = null;
        foreach (var policy in settings.Policies)
        {
            if (missing.Contains(policy))
            {
                continue;
            }

            workload = new Workload(scaled, scenarioDirectory);
            await log.WriteLineAsync(
                $"bench {scaled.Name}: {policy} on {scaled.Nodes.Count} nodes, {scaled.Tasks:N0} tasks at {settings.RatePerSecond:0.#}/s");
            results.Add(await RunPolicyAsync(scaled, workload, policy, cancellationToken));
        }

        return new ComparisonResult(scaled, results, missing, workload?.OfferedUtilisation ?? 0, workload?.MeanCostMs ?? 0);
    }

    private async Task<SimulationResult> RunPolicyAsync(Scenario scenario, Workload workload, string policy, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetFullPath(settings.Root), scenario.Name, policy);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var ports = LoopbackPorts.Reserve(2 * scenario.Nodes.Count);
        var specs = scenario.Nodes
            .Select((node, i) => new NodeSpec(
                node.Id,
                Url(ports[i]),
                Url(ports[scenario.Nodes.Count + i]),
                Path.Combine(folder, node.Id),
                node.Workers,
                node.Speed))
            .ToList();

        var wall = Stopwatch.StartNew();
        var nodes = await launcher.StartAsync(specs, policy, settings.PolicyAssemblies, cancellationToken);
        try
        {
            await WaitForClusterAsync(nodes, cancellationToken);
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampler = new Sampler(nodes);
            var sampled = sampler.RunAsync(SampleInterval, sampling.Token);

            var failed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var started = Stopwatch.GetTimestamp();
            await DriveAsync(scenario, workload, specs, failed, cancellationToken);
            await DrainAsync(nodes, cancellationToken);
            var durationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var final = await Task.WhenAll(nodes.Select(node => node.StatsAsync(cancellationToken)));
            await sampling.CancelAsync();
            await sampled;

            foreach (var node in nodes)
            {
                await node.StopAsync(StopTimeout);
            }

            foreach (var stats in final)
            {
                if (stats is { ServiceTimeMs: > 0 })
                {
                    _serviceTimes.Add(stats.ServiceTimeMs * stats.Speed);
                }
            }

            var unfinished = final.Sum(stats => stats is null ? 0 : stats.TasksCreated - stats.TasksCompleted);
            if (unfinished > 0)
            {
                failed["acknowledged but not processed when the run stopped"] = unfinished;
            }

            var retried = final.Sum(stats => stats?.TasksFailedOnPeers ?? 0);

            return Collect(
                policy,
                specs,
                scenario.Tasks,
                failed,
                retried,
                sampler,
                durationMs,
                wall.Elapsed.TotalSeconds,
                workload.OfferedUtilisation);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Offers the scenario's arrivals in real time: the same random draws, in the same order, as
    /// the simulator's arrival events, so a live and a simulated run of a scenario see the same
    /// devices, kinds and gaps.
    /// </summary>
    private static async Task DriveAsync(
        Scenario scenario,
        Workload workload,
        IReadOnlyList<NodeSpec> specs,
        ConcurrentDictionary<string, long> failed,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = MaxConcurrentSends })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        using var gate = new SemaphoreSlim(MaxConcurrentSends);
        var window = WindowBody(scenario.Workload.VibrationWindowSamples);
        var sequences = new long[workload.DeviceHomes.Length];
        var random = new Random(scenario.Seed);
        var sends = new List<Task>();
        var clock = Stopwatch.StartNew();
        var atMs = workload.Arrivals.NextGapMs(random, 0);
        for (long i = 0; i < scenario.Tasks; i++)
        {
            var device = random.Next(workload.DeviceHomes.Length);
            var (kind, size, _) = workload.DrawTask(random);
            var ahead = atMs - clock.Elapsed.TotalMilliseconds;
            if (ahead > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(ahead), cancellationToken);
            }

            var home = specs[workload.DeviceHomes[device]];
            var sequence = sequences[device];
            sequences[device] += kind == TaskKind.Vibration ? 1 : size;
            var request = kind == TaskKind.Vibration
                ? WindowRequest(home.Url, device, sequence, window, size)
                : BatchRequest(home.Url, device, sequence, size);
            await gate.WaitAsync(cancellationToken);
            sends.Add(SendAsync(http, request, gate, failed, cancellationToken));
            if (i + 1 < scenario.Tasks)
            {
                atMs += workload.Arrivals.NextGapMs(random, atMs);
            }
        }

        await Task.WhenAll(sends);
    }

    private static async Task SendAsync(
        HttpClient http,
        HttpRequestMessage request,
        SemaphoreSlim gate,
        ConcurrentDictionary<string, long> failed,
        CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, cancellationToken))
            {
                if (!response.IsSuccessStatusCode)
                {
                    failed.AddOrUpdate($"refused at ingest (HTTP {(int)response.StatusCode})", 1, (_, count) => count + 1);
                }
            }
        }
        catch (HttpRequestException exception)
        {
            failed.AddOrUpdate($"not delivered ({exception.HttpRequestError})", 1, (_, count) => count + 1);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            failed.AddOrUpdate("not delivered (timeout)", 1, (_, count) => count + 1);
        }
        finally
        {
            gate.Release();
        }
    }

    private static HttpRequestMessage WindowRequest(Uri home, int device, long sequence, byte[] body, int samples)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"{VibrationMetadata.DeviceIdName}=bench-{device}&{VibrationMetadata.SequenceName}={sequence}"
            + $"&{VibrationMetadata.SampleRateName}={SampleRateHz}&{VibrationMetadata.TimestampName}={Uri.EscapeDataString(Timestamp(sequence))}"
            + $"&{VibrationMetadata.SamplesName}={samples}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = _octetStream;

        return new HttpRequestMessage(HttpMethod.Post, new Uri(home, $"api/v1/readings?{query}")) { Content = content };
    }

    private static HttpRequestMessage BatchRequest(Uri home, int device, long firstSequence, int readings)
    {
        var json = new StringBuilder(readings * 128).Append('[');
        for (var k = 0; k < readings; k++)
        {
            if (k > 0)
            {
                json.Append(',');
            }

            json.Append(CultureInfo.InvariantCulture,
                $"{{\"deviceId\":\"bench-{device}\",\"kind\":\"temperature\",\"value\":{20 + ((firstSequence + k) % 50 / 10.0):0.0},"
                + $"\"timestamp\":\"{Timestamp(firstSequence + k)}\",\"sequence\":{firstSequence + k}}}");
        }

        var content = new StringContent(json.Append(']').ToString(), Encoding.UTF8, "application/json");

        return new HttpRequestMessage(HttpMethod.Post, new Uri(home, "api/v1/readings")) { Content = content };
    }

    private static string Timestamp(long sequence) =>
        _epoch.AddSeconds(sequence).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] WindowBody(int samples)
    {
        var body = new byte[samples * sizeof(float)];
        for (var i = 0; i < samples; i++)
        {
            var value = (float)(Math.Sin(2 * Math.PI * 157 * i / SampleRateHz) + (0.05 * Math.Sin(i * 0.37)));
            BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * sizeof(float)), value);
        }

        return body;
    }

    private static SimulationResult Collect(
        string policy,
        IReadOnlyList<NodeSpec> specs,
        long arrived,
        IReadOnlyDictionary<string, long> failed,
        long retried,
        Sampler sampler,
        double durationMs,
        double wallSeconds,
        double offered)
    {
        var latency = new LongHistogram(100_000_000_000, 3);
        var ran = specs.ToDictionary(spec => spec.Id, _ => 0L, StringComparer.Ordinal);
        long completed = 0;
        long offloaded = 0;
        double sumMs = 0;
        foreach (var spec in specs)
        {
            var path = StoreAudit.Read(spec.DataDirectory).DatabasePath;
            var readOnly = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly };
            using var connection = new SqliteConnection(readOnly.ToString());
            connection.Open();
            using var query = connection.CreateCommand();
            query.CommandText = "SELECT placed_on, latency_ms FROM results";
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                var placedOn = reader.GetString(0);
                var ms = reader.GetDouble(1);
                latency.RecordValue(Math.Clamp((long)Math.Round(ms * 10_000), 1, 100_000_000_000));
                sumMs += ms;
                completed++;
                offloaded += placedOn == spec.Id ? 0 : 1;
                ran[placedOn] = ran.GetValueOrDefault(placedOn) + 1;
            }
        }

        SqliteConnection.ClearAllPools();
        return new SimulationResult
        {
            Policy = policy,
            Arrived = arrived,
            Completed = completed,
            Failed = new Dictionary<string, long>(failed),
            Retried = retried,
            Offloaded = offloaded,
            Nodes = [.. specs.Select((spec, i) => new NodeResult(
                spec.Id,
                spec.Workers,
                spec.Speed,
                sampler.Utilisation(i),
                ran[spec.Id],
                sampler.MeanQueue(i),
                sampler.MaxQueue(i)))],
            Queues = sampler.Series(),
            DurationMs = durationMs,
            WallSeconds = wallSeconds,
            OfferedUtilisation = offered,
        }.WithLatencies(latency, sumMs, 10_000.0);
    }

    private static async Task WaitForClusterAsync(IReadOnlyList<ILiveNode> nodes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadyTimeout);
        while (true)
        {
            var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(deadline.Token)));
            if (stats.All(s => s is not null && s.Peers.All(peer => peer.Healthy && peer.ViewAgeMs is not null)))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    private static async Task DrainAsync(IReadOnlyList<ILiveNode> nodes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DrainTimeout);
        try
        {
            while (true)
            {
                var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(deadline.Token)));
                if (stats.All(s => s is not null && s.TasksPending == 0 && s.ReadingsWaiting == 0 && s.TasksCompleted == s.TasksCreated))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Drain timed out: what is left is counted as not processed.
        }
    }

    private static Uri Url(int port) => new($"http://127.0.0.1:{port}/");
}
