using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
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
    private const string IngestPath = "api/v1/readings";

    private readonly HttpClient _client;
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
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        options.Validate();

        _client = new HttpClient(handler, disposeHandler: false) { Timeout = options.RequestTimeout };
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
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
        _client.Dispose();
        _slots.Dispose();
    }

    private static Uri IngestUri(Uri node, string? query)
    {
        var path = node.AbsoluteUri.TrimEnd('/') + "/" + IngestPath;

        return new Uri(query is null ? path : path + "?" + query);
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
        var uri = IngestUri(counters.Node, ingest.Query);
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

                using var request = new HttpRequestMessage(HttpMethod.Post, uri);
                request.Content = ingest.Content();
                using var response = await _client.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    await SettleAsync(counters, tick, response, cancellationToken);
                    return;
                }

                if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
                {
                    var reason = await RefusalReasonAsync(response, cancellationToken);
                    counters.AddRejected(tick.Count, $"HTTP {status}: {reason}");
                    return;
                }

                lastError = $"HTTP {status}";
                if (!IsRetryable(response.StatusCode))
                {
                    counters.AddFailed(tick.Count, lastError + " is not retried");
                    return;
                }

                delay = RetryAfter(response) ?? Backoff(attempt);
            }
            catch (HttpRequestException exception)
            {
                lastError = exception.Message;
                delay = Backoff(attempt);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = $"timed out after {_options.RequestTimeout.TotalSeconds:0.#} s";
                delay = Backoff(attempt);
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

    private async Task SettleAsync(
        NodeCounters counters,
        IReadOnlyList<SimulatedReading> tick,
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        IngestReceipt? receipt = null;
        try
        {
            receipt = bytes.Length == 0
                ? null
                : JsonSerializer.Deserialize(bytes, IngestJsonContext.Default.IngestReceipt);
        }
        catch (JsonException)
        {
            receipt = null;
        }

        if (receipt is null)
        {
            // The node said yes without saying to what; the request is the best evidence there is.
            foreach (var reading in tick)
            {
                Acknowledge(counters, reading.DeviceId, reading.Sequence, duplicate: false);
            }

            counters.NoteError($"HTTP {(int)response.StatusCode} without a readable receipt");
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

    private static async Task<string> RefusalReasonAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "refused";
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var list = errors.Deserialize(IngestJsonContext.Default.IReadOnlyListReadingError);
                if (list is { Count: > 0 })
                {
                    return $"{list[0].Field}: {list[0].Reason}";
                }
            }

            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString() ?? "refused"
                : root.TryGetProperty("title", out var title) ? title.GetString() ?? "refused" : "refused";
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (wait is null)
        {
            return null;
        }

        return wait.Value < TimeSpan.Zero
            ? TimeSpan.Zero
            : wait.Value > _options.MaxRetryAfter ? _options.MaxRetryAfter : wait.Value;
    }

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
