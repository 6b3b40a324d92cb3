using System.Globalization;
using Edgewise.Node.Storage;
using Edgewise.Simulator;
using Edgewise.Simulator.Console;
using Spectre.Console;

namespace Edgewise.Cli.Demo;

/// <summary>One run of the demo: start the cluster, replay, drain, stop, audit, report.</summary>
/// <remarks>
/// <paramref name="nodeArguments"/> go to every <c>edgewise node</c> as they are. With a
/// <paramref name="broker"/>, devices publish to it over MQTT instead of posting to the nodes;
/// <paramref name="simulation"/>'s targets are then the brokers' topic prefixes, one per node in
/// cluster order.
/// </remarks>
internal sealed class DemoRun(
    IReadOnlyList<NodeSpec> cluster,
    string policy,
    IReadOnlyList<string> nodeArguments,
    SimulationOptions simulation,
    string root,
    EmbeddedBroker? broker = null)
{
    private const string MarkerFile = ".edgewise-demo";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (!PrepareFolder(console))
        {
            return 2;
        }

        var security = DemoSecurity.Prepare(root, cluster);
        console.MarkupLine($"[bold]Edgewise demo[/]: 3 nodes on loopback, policy [bold]{policy}[/], stores and logs in {Markup.Escape(root)}");
        console.MarkupLine(Markup.Escape(
            $"  devices send an API key, peers talk mutual TLS (authority, certificates and key in {security.Folder})"));
        foreach (var spec in cluster)
        {
            var emulated = spec.Speed < 1 ? " (emulated: slowed down on purpose, one machine)" : string.Empty;
            var speed = spec.Speed.ToString(CultureInfo.InvariantCulture);
            console.MarkupLine(Markup.Escape($"  {spec.Id} at {spec.Url}: {spec.Workers} worker(s), speed {speed}{emulated}"));
        }

        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var spec in cluster)
            {
                nodes.Add(NodeProcess.Start(spec, cluster, policy, security, [.. nodeArguments, .. MqttArguments(spec)]));
            }

            foreach (var node in nodes)
            {
                await node.WaitHealthyAsync(StartTimeout, cancellationToken);
            }

            await WaitForClusterAsync(nodes, cancellationToken);
            if (broker is not null)
            {
                await broker.WaitForSubscribersAsync(cluster.Select(spec => ClientId(spec)), StartTimeout, cancellationToken);
                console.MarkupLine(Markup.Escape($"Devices publish over MQTT to the embedded broker at {broker.Address}, topics edgewise/<node>/<device>/readings"));
            }
            console.MarkupLine(Markup.Escape(
                $"Replaying {string.Join(", ", simulation.Datasets)} at {simulation.SpeedUp}x for "
                + $"{simulation.Duration?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "the whole data"} s, "
                + $"{(simulation.Skew ?? 0) * 100:0}% of devices homed on node-a"));

            var summary = await ReplayWithLiveTableAsync(console, nodes, security, cancellationToken);
            SummaryPrinter.Print(console, summary);

            console.MarkupLine("Waiting for the nodes to finish their work…");
            if (broker is not null)
            {
                await WaitForDeliveryAsync(nodes, summary, cancellationToken);
            }

            await DrainAsync(nodes, cancellationToken);
            var finalStats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(cancellationToken)));
            console.Write(ClusterTable.Render(nodes, finalStats, "final, before stopping"));
            PlacementReport.Print(console, nodes, finalStats);

            foreach (var node in nodes)
            {
                var code = await node.StopAsync(StopTimeout);
                if (code != 0)
                {
                    console.MarkupLine(Markup.Escape($"{node.Spec.Id} exited with code {code}; see {node.LogPath}"));
                }
            }

            return Audit(console, summary) ? 0 : 1;
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
    /// Empties the demo folder of an earlier run, and only of that: a folder holding anything
    /// but the marker the demo leaves is refused, so a mistyped --dir cannot wipe someone's files.
    /// The security folder (authority, certificates, key) stays for the next run.
    /// </summary>
    private bool PrepareFolder(IAnsiConsole console)
    {
        var marker = Path.Combine(root, MarkerFile);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(marker))
            {
                console.MarkupLine(Markup.Escape(
                    $"edgewise demo: {root} is not empty and was not made by the demo; choose another --dir."));

                return false;
            }

            foreach (var entry in Directory.EnumerateFileSystemEntries(root)
                .Where(entry => Path.GetFileName(entry) is not (MarkerFile or DemoSecurity.FolderName)))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        Directory.CreateDirectory(root);
        File.WriteAllText(marker, "Made by `edgewise demo`, which empties this folder at its next run.\n");

        return true;
    }

    private static async Task WaitForClusterAsync(IReadOnlyList<NodeProcess> nodes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
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

    private async Task<SimulationSummary> ReplayWithLiveTableAsync(
        IAnsiConsole console,
        IReadOnlyList<NodeProcess> nodes,
        DemoSecurity security,
        CancellationToken cancellationToken)
    {
        SimulationProgress? latest = null;
        var progress = new Progress<SimulationProgress>(value => Volatile.Write(ref latest, value));
        var replay = new Simulation().RunAsync(simulation with { ApiKey = security.ApiKey }, progress, cancellationToken);
        var interactive = console.Profile.Capabilities.Interactive;
        var table = new Table();

        async Task RefreshAsync(Action<Table> show)
        {
            var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(cancellationToken)));
            var sim = Volatile.Read(ref latest);
            var caption = sim is null
                ? "starting"
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $"replay {sim.Elapsed:mm\\:ss}: sent {sim.Sent:N0}, acknowledged {sim.Acknowledged:N0}, "
                    + $"{sim.ReadingsPerSecond:N0} readings/s, retries {sim.Retries:N0}, failed {sim.Failed:N0}");
            if (interactive)
            {
                show(ClusterTable.Render(nodes, stats, caption));
            }
            else
            {
                console.WriteLine(caption);
                for (var i = 0; i < nodes.Count; i++)
                {
                    console.WriteLine("  " + ClusterTable.Line(nodes[i], stats[i]));
                }
            }
        }

        var interval = interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        if (interactive)
        {
            await console.Live(table).StartAsync(async context =>
            {
                while (!replay.IsCompleted)
                {
                    await Task.WhenAny(replay, Task.Delay(interval, cancellationToken));
                    await RefreshAsync(rendered => context.UpdateTarget(rendered));
                }
            });
        }
        else
        {
            while (!replay.IsCompleted)
            {
                await Task.WhenAny(replay, Task.Delay(interval, cancellationToken));
                await RefreshAsync(_ => { });
            }
        }

        return await replay;
    }

    private string[] MqttArguments(NodeSpec spec) => broker is null
        ? []
        : ["--mqtt", broker.Address, "--mqtt-prefix", EmbeddedBroker.TopicPrefix(spec.Id), "--mqtt-group", ""];

    private static string ClientId(NodeSpec spec) => $"edgewise-{spec.Id}";

    /// <summary>The simulator's target for <paramref name="spec"/>: its URL, or its topic prefix at the broker.</summary>
    private Uri TargetOf(NodeSpec spec) => simulation.Targets[cluster.ToList().IndexOf(spec)];

    /// <summary>
    /// Over MQTT the broker acknowledged what the devices sent; waits until every node has taken
    /// what the broker holds for it, so the audit looks at finished work.
    /// </summary>
    private async Task WaitForDeliveryAsync(
        IReadOnlyList<NodeProcess> nodes,
        SimulationSummary summary,
        CancellationToken cancellationToken)
    {
        var expected = nodes
            .Select(node => summary.Acknowledgements.Entries.Count(entry => entry.Node == TargetOf(node.Spec)))
            .ToArray();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DrainTimeout);
        while (true)
        {
            var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(deadline.Token)));
            if (stats.Select((s, i) => s is not null && s.ReadingsReceived >= expected[i]).All(done => done))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    private static async Task DrainAsync(IReadOnlyList<NodeProcess> nodes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DrainTimeout);
        while (true)
        {
            var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(deadline.Token)));
            if (stats.All(s => s is not null && s.TasksPending == 0 && s.ReadingsWaiting == 0 && s.TasksCompleted == s.TasksCreated))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    /// <summary>
    /// Reads each stopped node's store: every reading the simulator saw acknowledged by a node
    /// must be in that node's store with exactly one result, and no result may be doubled.
    /// </summary>
    private bool Audit(IAnsiConsole console, SimulationSummary summary)
    {
        var ok = true;
        var distribution = new Table()
            .Border(TableBorder.Rounded)
            .Title("[bold]Distribution of work (results in each home node's store)[/]");
        distribution.AddColumn("home node");
        distribution.AddColumn(new TableColumn("readings accepted").RightAligned());
        foreach (var spec in cluster)
        {
            distribution.AddColumn(new TableColumn($"computed by {spec.Id}").RightAligned());
        }

        distribution.AddColumn("exactly once");
        var computedBy = cluster.ToDictionary(spec => spec.Id, _ => 0L, StringComparer.Ordinal);
        foreach (var spec in cluster)
        {
            var audit = StoreAudit.Read(spec.DataDirectory);
            var acknowledged = summary.Acknowledgements.Entries.Where(entry => entry.Node == TargetOf(spec)).ToList();
            var missing = acknowledged.Count(entry => !audit.AcceptedKeys.Contains((entry.DeviceId, entry.Sequence)));
            var good = audit.ExactlyOnce && missing == 0;
            ok &= good;

            var row = new List<string> { spec.Id, audit.Readings.ToString("N0", CultureInfo.InvariantCulture) };
            foreach (var other in cluster)
            {
                var count = audit.ProcessedBy.GetValueOrDefault(other.Id);
                computedBy[other.Id] += count;
                row.Add(count.ToString("N0", CultureInfo.InvariantCulture));
            }

            row.Add(good
                ? "[green]yes[/]"
                : Markup.Escape($"NO: {missing} acknowledged missing, {audit.Unprocessed} unprocessed, {audit.Duplicated} duplicated"));
            distribution.AddRow(row.ToArray());
        }

        console.Write(distribution);
        var total = computedBy.Values.Sum();
        console.MarkupLine(Markup.Escape(
            "Readings computed per node: "
            + string.Join(", ", computedBy.Select(pair => $"{pair.Key} {pair.Value:N0} ({(total == 0 ? 0 : 100.0 * pair.Value / total):0.#}%)"))));
        if (summary.Failed > 0)
        {
            // Readings the simulator gave up on were never acknowledged, so no node owes them;
            // they say the cluster was driven harder than it could take, not that it lost work.
            console.MarkupLine(Markup.Escape(
                $"Warning: {summary.Failed:N0} readings were never acknowledged (the sender gave up after retries); "
                + "lower --speed-up or raise --vibration-interval."));
        }

        console.MarkupLine(ok
            ? $"[green]Exactly-once check passed[/]: {summary.Acknowledgements.Count:N0} acknowledged readings, each processed once."
            : "[red]Exactly-once check FAILED[/] (see the table above); node logs are in the demo folder.");

        return ok;
    }
}
