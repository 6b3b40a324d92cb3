using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Edgewise.Readings;

namespace Edgewise.Cli.Tests.Infrastructure;

/// <summary>
/// Devices sending to one node without pause, the way real devices retry: each sender posts one
/// reading of each of its devices per request, and sends the same request again (same
/// sequences) after a refused connection, a timeout, a 503 or any other failure, waiting the
/// node's Retry-After when it gives one, until it is acknowledged. So every device's
/// acknowledged sequences run 1, 2, 3… without a gap, and a reading whose acknowledgement was
/// lost in a crash is sent again and must come back as a duplicate.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private static readonly TimeSpan FailureWait = TimeSpan.FromMilliseconds(50);

    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _senders;
    private readonly Lock _gate = new();
    private readonly HashSet<(string DeviceId, long Sequence)> _acknowledged = [];
    private long _failures;
    private long _overloaded;

    private SteadyLoad(Uri node, int senders, int devicesPerSender, string prefix)
    {
        _client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(3) };
        _senders = [.. Enumerable.Range(0, senders).Select(s => Task.Run(() => SendAsync($"{prefix}-{s}", devicesPerSender)))];
    }

    /// <summary>Requests that failed and were sent again (connection refused, timeout, 5xx).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Requests answered 503 with a Retry-After.</summary>
    public long Overloaded => Interlocked.Read(ref _overloaded);

    /// <summary>Every (device, sequence) acknowledged so far.</summary>
    public IReadOnlySet<(string DeviceId, long Sequence)> Acknowledged
    {
        get
        {
            lock (_gate)
            {
                return _acknowledged.ToHashSet();
            }
        }
    }

    public static SteadyLoad Start(Uri node, int senders, int devicesPerSender, string prefix) =>
        new(node, senders, devicesPerSender, prefix);

    /// <summary>Waits until at least <paramref name="count"/> readings are acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Acknowledged.Count < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>Stops sending new readings; each sender first gets its request in hand acknowledged.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders).WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_senders).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // The test failed already; do not hide its message.
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task SendAsync(string prefix, int devices)
    {
        for (long sequence = 1; !_stop.IsCancellationRequested; sequence++)
        {
            var body = Round(prefix, devices, sequence);
            while (!await TrySendAsync(body))
            {
                // Sent again until acknowledged, even while stopping: nothing sent is abandoned.
            }
        }
    }

    private async Task<bool> TrySendAsync(string body)
    {
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync(new Uri("api/v1/readings", UriKind.Relative), content);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
                lock (_gate)
                {
                    foreach (var reading in receipt!.Readings)
                    {
                        _acknowledged.Add((reading.DeviceId, reading.Sequence));
                    }
                }

                return true;
            }

            var wait = FailureWait;
            if (response.Headers.RetryAfter?.Delta is { } delta)
            {
                Interlocked.Increment(ref _overloaded);
                wait = delta;
            }
            else
            {
                Interlocked.Increment(ref _failures);
            }

            await Task.Delay(wait);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref _failures);
            await Task.Delay(FailureWait);
        }

        return false;
    }

    private static string Round(string prefix, int devices, long sequence)
    {
        var body = new StringBuilder("[");
        for (var d = 0; d < devices; d++)
        {
            if (d > 0)
            {
                body.Append(',');
            }

            body.Append(CultureInfo.InvariantCulture, $"{{\"deviceId\":\"{prefix}-{d}\",\"kind\":\"temperature\",")
                .Append(CultureInfo.InvariantCulture, $"\"value\":{20 + (sequence % 7)},\"timestamp\":\"2024-10-01T12:00:00Z\",")
                .Append(CultureInfo.InvariantCulture, $"\"sequence\":{sequence}}}");
        }

        return body.Append(']').ToString();
    }
}
