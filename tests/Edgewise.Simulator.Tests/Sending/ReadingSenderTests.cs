using System.Net;
using System.Net.Http.Headers;
using Edgewise.Readings;
using Edgewise.Simulator.Devices;
using Edgewise.Simulator.Sending;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Sending;

public sealed class ReadingSenderTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);
    private static readonly Uri _node = new("http://127.0.0.1:5101");

    [Fact]
    public async Task SendAsync_503WithRetryAfter_WaitsThatLongThenRecordsAcknowledgements()
    {
        var handler = new FakeIngestHandler((call, request) => Task.FromResult(call == 0
            ? Unavailable(TimeSpan.FromSeconds(2))
            : FakeIngestHandler.AcknowledgeAll(request)));
        var time = new ManualTimeProvider();
        using var sender = Sender(handler, time);

        await time.DriveAsync(sender.SendAsync(_node, Tick("d1", 1, 2), CancellationToken.None), _timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal("http://127.0.0.1:5101/api/v1/readings", handler.Requests[0].Uri.ToString());
        Assert.Equal([TimeSpan.FromSeconds(2)], time.RequestedDelays);
        Assert.Equal((2L, 2L, 1L, 0L), (counters.Sent, counters.Acknowledged, counters.Retries, counters.Failed));
        Assert.True(sender.Acknowledgements.Contains(new AcknowledgedReading(_node, "d1", 2)));
        Assert.Equal(2, sender.Acknowledgements.Count);
    }

    [Fact]
    public async Task SendAsync_WithApiKey_SendsItAsBearerOnEveryRequest()
    {
        var handler = new FakeIngestHandler();
        using var sender = new ReadingSender(
            handler,
            new ReadingSenderOptions { ApiKey = "ew_0123456789ab_secret" },
            new ManualTimeProvider(),
            new Random(1));

        await sender.SendAsync(_node, Tick("d1", 1, 2), CancellationToken.None).WaitAsync(_timeout);
        await sender.SendAsync(_node, Tick("d2", 1, 1), CancellationToken.None).WaitAsync(_timeout);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, request => Assert.Equal("Bearer ew_0123456789ab_secret", request.Authorization));
    }

    [Fact]
    public async Task SendAsync_400_IsNotRetriedAndRejectsTheRequest()
    {
        const string problem = """
            {"type":"https://edgewise/problems/invalid-reading","title":"No acceptable reading","status":400,
             "errors":[{"index":0,"field":"value","reason":"value must be a number"}]}
            """;
        var handler = new FakeIngestHandler((_, _) =>
            Task.FromResult(FakeIngestHandler.Json(HttpStatusCode.BadRequest, problem)));
        var time = new ManualTimeProvider();
        using var sender = Sender(handler, time);

        await sender.SendAsync(_node, Tick("d1", 1, 2), CancellationToken.None).WaitAsync(_timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Single(handler.Requests);
        Assert.Equal((2L, 0L, 0L), (counters.Rejected, counters.Retries, counters.Failed));
        Assert.Contains("value must be a number", counters.LastError, StringComparison.Ordinal);
        Assert.Equal(0, sender.Acknowledgements.Count);
    }

    [Fact]
    public async Task SendAsync_ReceiptWithErrors_RejectsThoseIndexesAndAcknowledgesTheRest()
    {
        var receipt = new IngestReceipt(
            2,
            1,
            [new AcceptedReading(0, "d1", 1, Duplicate: true), new AcceptedReading(2, "d1", 3, Duplicate: false)],
            [new ReadingError(1, "value", "out of range")]);
        var handler = new FakeIngestHandler((_, _) => Task.FromResult(FakeIngestHandler.Receipt(receipt)));
        using var sender = Sender(handler, new ManualTimeProvider());

        await sender.SendAsync(_node, Tick("d1", 1, 3), CancellationToken.None).WaitAsync(_timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal(
            (2L, 1L, 1L, 0L),
            (counters.Acknowledged, counters.Duplicates, counters.Rejected, counters.Failed));
        Assert.Equal(1, sender.Acknowledgements.Duplicates);
        Assert.False(sender.Acknowledgements.Contains(new AcknowledgedReading(_node, "d1", 2)));
    }

    [Fact]
    public async Task SendAsync_NodeUnreachable_FailsAfterMaxAttempts()
    {
        var handler = new FakeIngestHandler((_, _) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused")));
        var time = new ManualTimeProvider();
        using var sender = Sender(handler, time, maxAttempts: 3);

        await time.DriveAsync(sender.SendAsync(_node, Tick("d1", 1, 2), CancellationToken.None), _timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal((2L, 2L, 0L), (counters.Failed, counters.Retries, counters.Acknowledged));
        Assert.Contains("connection refused", counters.LastError, StringComparison.Ordinal);
        Assert.Equal(2, time.RequestedDelays.Count);
        Assert.True(time.RequestedDelays[1] > time.RequestedDelays[0] / 2);
    }

    [Fact]
    public async Task SendAsync_TicksOfOneDevice_GoOneAtATimeInSequenceOrder()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeIngestHandler(async (call, request) =>
        {
            if (call == 0)
            {
                await release.Task;
            }

            return FakeIngestHandler.AcknowledgeAll(request);
        });
        using var sender = Sender(handler, new ManualTimeProvider());

        var first = sender.SendAsync(_node, Tick("d1", 1, 1), CancellationToken.None);
        var second = sender.SendAsync(_node, Tick("d1", 2, 2), CancellationToken.None);
        var other = sender.SendAsync(_node, Tick("d2", 1, 1), CancellationToken.None);
        await other.WaitAsync(_timeout);
        var d1WhileBlocked = handler.Requests.SelectMany(r => r.Readings).Count(r => r.DeviceId == "d1");
        release.SetResult();
        await sender.WhenIdleAsync(CancellationToken.None).WaitAsync(_timeout);

        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.Equal(1, d1WhileBlocked);
        Assert.Equal(
            [1L, 2L],
            handler.Requests.SelectMany(r => r.Readings).Where(r => r.DeviceId == "d1").Select(r => r.Sequence));
    }

    [Fact]
    public async Task SendAsync_ManyDevices_KeepsRequestsInFlightWithinMaxConcurrency()
    {
        var gate = new SemaphoreSlim(0);
        var handler = new FakeIngestHandler(async (_, request) =>
        {
            await gate.WaitAsync();
            return FakeIngestHandler.AcknowledgeAll(request);
        });
        using var sender = Sender(handler, new ManualTimeProvider(), maxConcurrency: 3);

        var sends = Enumerable.Range(1, 10)
            .Select(i => sender.SendAsync(_node, Tick($"d{i}", 1, 1), CancellationToken.None))
            .ToList();
        gate.Release(10);
        await Task.WhenAll(sends).WaitAsync(_timeout);

        Assert.InRange(handler.MaxInFlight, 1, 3);
        Assert.Equal(10, sender.Acknowledgements.Count);
    }

    private static ReadingSender Sender(
        FakeIngestHandler handler,
        TimeProvider time,
        int maxAttempts = 8,
        int maxConcurrency = 64) =>
        new(
            handler,
            new ReadingSenderOptions { MaxAttempts = maxAttempts, MaxConcurrency = maxConcurrency },
            time,
            new Random(1));

    private static SimulatedReading[] Tick(string deviceId, long firstSequence, long lastSequence) =>
        [.. Enumerable.Range((int)firstSequence, (int)(lastSequence - firstSequence + 1))
            .Select(sequence => ListDevice.Reading(deviceId, sequence))];

    private static HttpResponseMessage Unavailable(TimeSpan retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);

        return response;
    }
}
