using System.Globalization;
using Spectre.Console;

namespace Edgewise.Simulator.Console;

/// <summary>
/// Shows simulation progress: a live table on an interactive console, or one plain line every few
/// seconds (default 5 s) when output is redirected, as in CI logs.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lineInterval;

    /// <summary>Creates a display on <paramref name="console"/>; the time provider spaces plain lines.</summary>
    public ProgressDisplay(
        IAnsiConsole console,
        TimeProvider? timeProvider = null,
        TimeSpan? lineInterval = null)
    {
        ArgumentNullException.ThrowIfNull(console);

        _console = console;
        _time = timeProvider ?? TimeProvider.System;
        _lineInterval = lineInterval ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>True when progress is drawn as a live table rather than plain lines.</summary>
    public bool IsLive => _console.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs <paramref name="run"/>, typically a call to <c>Simulation.RunAsync</c>, with a progress
    /// sink that draws on this display, and returns its result.
    /// </summary>
    public Task<T> RunAsync<T>(Func<IProgress<SimulationProgress>, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);

        if (!IsLive)
        {
            var last = (long?)null;
            return run(new Sink(progress =>
            {
                var now = _time.GetTimestamp();
                if (last is null || _time.GetElapsedTime(last.Value, now) >= _lineInterval)
                {
                    last = now;
                    _console.WriteLine(FormatLine(progress));
                }
            }));
        }

        var empty = new SimulationProgress(TimeSpan.Zero, [], 0);

        return _console.Live(Render(empty))
            .AutoClear(false)
            .StartAsync(context => run(new Sink(progress =>
            {
                context.UpdateTarget(Render(progress));
                context.Refresh();
            })));
    }

    /// <summary>The live view of one snapshot: a table per node with elapsed time and rate.</summary>
    public static Table Render(SimulationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);

        var table = NodeTable.Render(progress.Nodes, devices: null);
        table.Caption(Markup.Escape(
            $"elapsed {progress.Elapsed:hh\\:mm\\:ss}, {progress.ReadingsPerSecond:N0} readings/s"));

        return table;
    }

    /// <summary>One line for a log: elapsed time, totals and rate.</summary>
    public static string FormatLine(SimulationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);

        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{progress.Elapsed:hh\\:mm\\:ss}] sent {progress.Sent} acked {progress.Acknowledged} " +
            $"dup {progress.Duplicates} rejected {progress.Rejected} failed {progress.Failed} " +
            $"retries {progress.Retries} ({progress.ReadingsPerSecond:F0}/s)");
    }

    private sealed class Sink(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        private readonly Lock _gate = new();

        // Reports come from the simulation's timer and its final snapshot; one at a time keeps
        // lines and redraws whole.
        public void Report(SimulationProgress value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
