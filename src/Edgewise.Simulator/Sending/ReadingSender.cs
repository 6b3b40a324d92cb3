using System.Collections.Concurrent;
using Edgewise.Readings;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Sending;

/// <summary>
/// Posts device ticks to nodes' ingest API with retries. A device's ticks go one at a time in
/// sequence order; all devices together keep at most <see cref="ReadingSenderOptions.MaxConcurrency"/>
/// requests in flight. Scalar readings go as JSON arrays, each vibration window in a request of its
/// own (binary or JSON, per <see cref="ReadingSenderOptions.VibrationFormat"/>); both are answered
/// with the same receipt. Every reading ends acknowledged, rejected or failed, never dropped.
/// </summary>
public sealed class ReadingSender : IDisposable
{
    private readonly IIngestChannel _channel;
    private readonly ReadingSenderOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _randomGate = new();
    private readonly SemaphoreSlim _slots;
    private readonly Lock _tailsGate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Uri, NodeCounters> _counters = new();

    /// <summary>
    /// Creates a sender over <paramref name="handler"/>, which the caller owns and disposes (share
    /// one from <see cref="CreateHandler"/>). The random source adds jitter to back-offs.
    /// </summary>
    public ReadingSender(
        HttpMessageHandler handler,
        ReadingSenderOptions options,
        TimeProvider timeProvider,
        Random random,
        AcknowledgementLog? acknowledgements = null)
        : this(
            new HttpIngestChannel(
                handler ?? throw new ArgumentNullException(nameof(handler)),
                (options ?? throw new ArgumentNullException(nameof(options))).RequestTimeout,
                options.ApiKey,
                timeProvider),
            options,
            timeProvider,
            random,
            acknowledgements)
    {
    }

    /// <summary>
    /// Creates a sender that publishes to MQTT brokers: each target is
    /// <c>mqtt://host:port/{topic prefix}</c>, and a device's messages go to
    /// <c>{prefix}/{device}/readings</c> or <c>{prefix}/{device}/vibration</c>. A reading counts as
    /// acknowledged once the broker has it (QoS 1).
    /// </summary>
    public static ReadingSender ForMqtt(
        ReadingSenderOptions options,
        TimeProvider timeProvider,
        Random random,
        AcknowledgementLog? acknowledgements = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        return new ReadingSender(new MqttIngestChannel(options.RequestTimeout), options, timeProvider, random, acknowledgements);
    }

    private ReadingSender(
        IIngestChannel channel,
        ReadingSenderOptions options,
        TimeProvider timeProvider,
        Random random,
        AcknowledgementLog? acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();

        _channel = channel;
        _options = options;
        _time = timeProvider;
        _random = random;
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        Acknowledgements = acknowledgements ?? new AcknowledgementLog();
    }

    /// <summary>Every acknowledgement received, by node, device and sequence.</summary>
    public AcknowledgementLog Acknowledgements { get; }

    /// <summary>
    /// A pooled handler for talking to a few nodes at high rates; connections are recycled after
    /// two minutes so a node restarted behind the same name is found again.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(int maxConnectionsPerServer = 64) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        MaxConnectionsPerServer = maxConnectionsPerServer,
    };

    /// <summary>
    /// Queues one device tick (readings of one device with the same offset, in sequence order) for
    /// <paramref name="node"/>. The task completes when the tick is settled, after the device's
    /// earlier ticks; it does not fault. Cancelling counts unsettled readings as failed.
    /// </summary>
    public Task SendAsync(Uri node, IReadOnlyList<SimulatedReading> tick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(tick);
        if (tick.Count == 0)
        {
            throw new ArgumentException("A tick needs at least one reading.", nameof(tick));
        }

        var deviceId = tick[0].DeviceId;
        if (tick.Any(reading => reading.DeviceId != deviceId))
        {
            throw new ArgumentException("A tick holds readings of one device only.", nameof(tick));
        }

        lock (_tailsGate)
        {
            var previous = _tails.GetValueOrDefault(deviceId) ?? Task.CompletedTask;
            var task = SendAfterAsync(previous, CountersFor(node), tick, cancellationToken);
            _tails[deviceId] = task;

            return task;
        }
    }

    /// <summary>Completes when every tick queued so far is settled.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        Task[] tails;
        lock (_tailsGate)
        {
            tails = [.. _tails.Values];
        }

        return Task.WhenAll(tails).WaitAsync(cancellationToken);
    }

    /// <summary>Counters for each of <paramref name="nodes"/>, zero for a node never sent to.</summary>
    public IReadOnlyList<NodeProgress> Snapshot(IEnumerable<Uri> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);

        return [.. nodes.Select(node => CountersFor(node).Snapshot())];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _channel.Dispose();
        _slots.Dispose();
    }

    private NodeCounters CountersFor(Uri node) =>
        _counters.GetOrAdd(node, static key => new NodeCounters(key));

    private async Task SendAfterAsync(
        Task previous,
        NodeCounters counters,
        IReadOnlyList<SimulatedReading> tick,
        CancellationToken cancellationToken)
    {
        // Previous ticks never fault, so awaiting one only keeps the device's order.
        await previous;
        IReadOnlyList<IngestRequest> requests;
        try
        {
            requests = ReadingPayload.Requests(tick, _options.VibrationFormat);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            counters.AddFailed(tick.Count, "unexpected: " + exception.Message);
            return;
        }

        foreach (var request in requests)
        {
            try
            {
                await PostWithRetriesAsync(counters, request, cancellationToken);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                counters.AddFailed(request.Readings.Count, "unexpected: " + exception.Message);
            }
        }
    }

    private async Task PostWithRetriesAsync(
        NodeCounters counters,
        IngestRequest ingest,
        CancellationToken cancellationToken)
    {
        var tick = ingest.Readings;
        var lastError = "not sent";
        var delay = TimeSpan.Zero;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                counters.AddRetry();
            }

            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }

                // The slot is held per attempt, not across back-offs, so a node that is down
                // cannot hold every slot while its devices wait.
                await _slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                counters.AddFailed(tick.Count, "cancelled before " + lastError);
                return;
            }

            try
            {
                if (attempt == 1)
                {
                    counters.AddSent(tick.Count);
                }

                var delivery = await _channel.DeliverAsync(counters.Node, ingest, cancellationToken);
                switch (delivery.Kind)
                {
                    case DeliveryKind.Settled:
                        Settle(counters, tick, delivery.Receipt, delivery.Reason);
                        return;
                    case DeliveryKind.Rejected:
                        counters.AddRejected(tick.Count, delivery.Reason ?? "refused");
                        return;
                    case DeliveryKind.Failed:
                        counters.AddFailed(tick.Count, delivery.Reason ?? "failed");
                        return;
                    default:
                        lastError = delivery.Reason ?? "not taken";
                        delay = delivery.RetryAfter is { } after ? Cap(after) : Backoff(attempt);
                        break;
                }
            }
            catch (OperationCanceledException)
            {
                counters.AddFailed(tick.Count, "cancelled while sending");
                return;
            }
            finally
            {
                _slots.Release();
            }
        }

        counters.AddFailed(tick.Count, $"gave up after {_options.MaxAttempts} attempts: {lastError}");
    }

    private void Settle(
        NodeCounters counters,
        IReadOnlyList<SimulatedReading> tick,
        IngestReceipt? receipt,
        string? note)
    {
        if (receipt is null)
        {
            // Taken without a receipt (a broker's acknowledgement, or a node that said yes without
            // saying to what): the request is the best evidence there is.
            foreach (var reading in tick)
            {
                Acknowledge(counters, reading.DeviceId, reading.Sequence, duplicate: false);
            }

            if (note is not null)
            {
                counters.NoteError(note);
            }

            return;
        }

        var settled = new bool[tick.Count];
        foreach (var accepted in receipt.Readings ?? [])
        {
            Acknowledge(counters, accepted.DeviceId, accepted.Sequence, accepted.Duplicate);
            if (accepted.Index >= 0 && accepted.Index < tick.Count)
            {
                settled[accepted.Index] = true;
            }
        }

        foreach (var error in receipt.Errors ?? [])
        {
            var index = error.Index ?? (tick.Count == 1 ? 0 : -1);
            if (index >= 0 && index < tick.Count && !settled[index])
            {
                settled[index] = true;
                counters.AddRejected(1, $"{error.Field}: {error.Reason}");
            }
        }

        var missing = settled.Count(done => !done);
        if (missing > 0)
        {
            counters.AddFailed(missing, "readings missing from the node's receipt");
        }
    }

    private void Acknowledge(NodeCounters counters, string deviceId, long sequence, bool duplicate)
    {
        Acknowledgements.Record(new AcknowledgedReading(counters.Node, deviceId, sequence), duplicate);
        counters.AddAcknowledged(duplicate);
    }

    private TimeSpan Cap(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait;

    // Exponential back-off with "equal jitter": half the step fixed, half random, so retries of
    // many devices spread out but never collapse to zero.
    private TimeSpan Backoff(int attempt)
    {
        var step = _options.BaseBackoff * Math.Pow(2, attempt - 1);
        if (step > _options.MaxBackoff)
        {
            step = _options.MaxBackoff;
        }

        double share;
        lock (_randomGate)
        {
            share = _random.NextDouble();
        }

        return (step / 2) + (step / 2 * share);
    }
}
