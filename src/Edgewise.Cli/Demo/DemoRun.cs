using System.Globalization;
using Edgewise.Node.Storage;
using Edgewise.Simulator;
using Edgewise.Simulator.Console;
using Spectre.Console;

namespace Edgewise.Cli.Demo;

/// <summary>One run of the demo: start the cluster, replay, drain, stop, audit, report.</summary>
internal sealed class DemoRun(
    IReadOnlyList<NodeSpec> cluster,
    string policy,
    IReadOnlyList<string> nodeArguments,
    SimulationOptions simulation,
    string root)
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

        console.MarkupLine($"[bold]Edgewise demo[/]: 3 nodes on loopback, policy [bold]{policy}[/], stores and logs in {Markup.Escape(root)}");
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
                nodes.Add(NodeProcess.Start(spec, cluster, policy, nodeArguments));
            }

            foreach (var node in nodes)
            {
                await node.WaitHealthyAsync(StartTimeout, cancellationToken);
            }

            await WaitForClusterAsync(nodes, cancellationToken);
            console.MarkupLine(Markup.Escape(
                $"Replaying {string.Join(", ", simulation.Datasets)} at {simulation.SpeedUp}x for "
                + $"{simulation.Duration?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "the whole data"} s, "
                + $"{(simulation.Skew ?? 0) * 100:0}% of devices homed on node-a"));

            var summary = await ReplayWithLiveTableAsync(console, nodes, cancellationToken);
            SummaryPrinter.Print(console, summary);

            console.MarkupLine("Waiting for the nodes to finish their work…");
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

            Directory.Delete(root, recursive: true);
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
        CancellationToken cancellationToken)
    {
        SimulationProgress? latest = null;
        var progress = new Progress<SimulationProgress>(value => Volatile.Write(ref latest, value));
        var replay = new Simulation().RunAsync(simulation, progress, cancellationToken);
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
            var acknowledged = summary.Acknowledgements.Entries.Where(entry => entry.Node == spec.Url).ToList();
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
