using Edgewise.Simulator.Assignment;
using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Scheduling;
using Edgewise.Simulator.Sending;

namespace Edgewise.Simulator;

/// <summary>
/// Replays devices against a cluster: builds the devices, homes each on a node, sends their
/// readings on a sped-up clock, then waits for requests in flight and summarises what happened.
/// </summary>
/// <remarks>
/// Timestamps sent are the wall time the replay started plus each reading's data-time offset, so
/// old data looks live to the nodes. With a speed-up above 1 the timestamps advance faster than the
/// wall clock and soon lie in the future; nodes' per-minute aggregates then follow data time.
/// </remarks>
public sealed class Simulation
{
    private static readonly TimeSpan _settleAfterCancel = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly HttpMessageHandler? _handler;

    /// <summary>A simulation on the system clock, over a pooled socket handler of its own.</summary>
    public Simulation()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// A simulation on <paramref name="timeProvider"/>; <paramref name="handler"/> (owned by the
    /// caller) carries its requests, or null for a pooled socket handler made per run.
    /// </summary>
    public Simulation(TimeProvider timeProvider, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);

        _time = timeProvider;
        _handler = handler;
    }

    /// <summary>
    /// Runs the simulation the options describe and returns its summary, also when cancelled
    /// (readings not settled by then count as failed). Progress is reported every
    /// <see cref="SimulationOptions.ProgressInterval"/> and once at the end.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or a data set is missing.</exception>
    public Task<SimulationSummary> RunAsync(
        SimulationOptions options,
        IProgress<SimulationProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var devices = DeviceCatalog.Build(
            options,
            options.DataDirectory ?? DeviceCatalog.DefaultDataDirectory,
            new Random(options.Seed));

        return RunAsync(options, devices, progress, cancellationToken);
    }

    /// <summary>Assigns each device of <paramref name="options"/>' data sets to its home node.</summary>
    public static DeviceAssignment Assign(SimulationOptions options, IEnumerable<IDeviceSource> devices)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(devices);

        var ids = devices.Select(device => device.DeviceId);

        return options.Skew is { } skew
            ? DeviceAssignment.Skewed(ids, options.Targets, skew, new Random(options.Seed))
            : DeviceAssignment.Even(ids, options.Targets);
    }

    internal async Task<SimulationSummary> RunAsync(
        SimulationOptions options,
        IReadOnlyList<IDeviceSource> devices,
        IProgress<SimulationProgress>? progress,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var assignment = Assign(options, devices);

        var overMqtt = options.Targets.All(target => target.Scheme == SimulationOptions.MqttScheme);
        var ownedHandler = _handler is null && !overMqtt ? ReadingSender.CreateHandler(options.MaxConcurrency) : null;
        using var sender = overMqtt
            ? ReadingSender.ForMqtt(options.ToSenderOptions(), _time, new Random(options.Seed))
            : new ReadingSender(_handler ?? ownedHandler!, options.ToSenderOptions(), _time, new Random(options.Seed));
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reporting = new CancellationTokenSource();
        try
        {
            var startedAt = _time.GetTimestamp();
            var start = _time.GetUtcNow();
            var dispatched = 0L;
            var reporter = new ProgressReporter(_time, sender, options.Targets, startedAt);
            var reportLoop = progress is null
                ? Task.CompletedTask
                : ReportAsync(reporter, progress, options.ProgressInterval, reporting.Token);

            var scheduler = new ReplayScheduler(_time);
            var stopReason = await scheduler.RunAsync(
                devices,
                start,
                options.SpeedUp,
                options.Duration,
                tick =>
                {
                    dispatched += tick.Count;
                    _ = sender.SendAsync(assignment.NodeFor(tick[0].DeviceId), tick, sending.Token);
                },
                cancellationToken);

            await DrainAsync(sender, options.DrainTimeout, sending);

            await reporting.CancelAsync();
            await reportLoop;
            var nodes = sender.Snapshot(options.Targets);
            progress?.Report(reporter.Next());

            return new SimulationSummary(
                _time.GetElapsedTime(startedAt),
                stopReason,
                dispatched,
                nodes,
                assignment.DevicesPerNode,
                sender.Acknowledgements);
        }
        finally
        {
            ownedHandler?.Dispose();
        }
    }

    private async Task DrainAsync(ReadingSender sender, TimeSpan timeout, CancellationTokenSource sending)
    {
        if (!sending.IsCancellationRequested)
        {
            try
            {
                await sender.WhenIdleAsync(sending.Token).WaitAsync(timeout, _time);
                return;
            }
            catch (TimeoutException)
            {
                // Requests still out after the drain timeout are abandoned and counted as failed.
            }
            catch (OperationCanceledException)
            {
                // The caller cancelled while draining; settle what is left as failed below.
            }
        }

        await sending.CancelAsync();
        try
        {
            await sender.WhenIdleAsync(CancellationToken.None).WaitAsync(_settleAfterCancel, _time);
        }
        catch (TimeoutException)
        {
            // A handler that ignores cancellation leaves its readings unsettled; the summary shows
            // them as dispatched but neither acknowledged, rejected nor failed.
        }
    }

    private async Task ReportAsync(
        ProgressReporter reporter,
        IProgress<SimulationProgress> progress,
        TimeSpan interval,
        CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                progress.Report(reporter.Next());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over; the final snapshot is reported by the caller.
        }
    }
}
