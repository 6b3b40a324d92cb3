using System.Net;
using System.Web;
using Edgewise.Readings;
using Edgewise.Simulator.Sending;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Sending;

public sealed class ReadingSenderVibrationTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);
    private static readonly Uri _node = new("http://127.0.0.1:5101");

    [Fact]
    public async Task SendAsync_BinaryWindow_PostsOctetStreamWithTheQueryAndAcknowledges()
    {
        var handler = new FakeIngestHandler();
        using var sender = Sender(handler, VibrationFormat.Binary);

        await sender.SendAsync(_node, [Windows.Reading("rig-1", 9)], CancellationToken.None).WaitAsync(_timeout);

        var request = Assert.Single(handler.Requests);
        Assert.True(request.IsBinary);
        Assert.Equal("/api/v1/readings", request.Uri.AbsolutePath);
        var query = HttpUtility.ParseQueryString(request.Uri.Query);
        Assert.Equal(
            ("rig-1", "9", "256", "20480"),
            (query["deviceId"], query["sequence"], query["samples"], query["sampleRate"]));
        Assert.Equal(256 * 4, request.Bytes.Length);
        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal((1L, 1L, 0L, 0L), (counters.Sent, counters.Acknowledged, counters.Rejected, counters.Failed));
        Assert.True(sender.Acknowledgements.Contains(new AcknowledgedReading(_node, "rig-1", 9)));
    }

    [Fact]
    public async Task SendAsync_MixedTick_SendsScalarsAsJsonAndTheWindowAloneAndSettlesAll()
    {
        var handler = new FakeIngestHandler();
        using var sender = Sender(handler, VibrationFormat.Binary);
        var tick = new[] { ListDevice.Reading("d1", 1), Windows.Reading("d1", 2), ListDevice.Reading("d1", 3) };

        await sender.SendAsync(_node, tick, CancellationToken.None).WaitAsync(_timeout);

        Assert.Equal([false, true, false], handler.Requests.Select(r => r.IsBinary));
        Assert.Equal([1L, 2L, 3L], handler.Requests.SelectMany(r => r.Readings).Select(r => r.Sequence));
        Assert.Equal(3, sender.Acknowledgements.Count);
    }

    [Fact]
    public async Task SendAsync_JsonFormat_PostsTheWindowAsJson()
    {
        var handler = new FakeIngestHandler();
        using var sender = Sender(handler, VibrationFormat.Json);

        await sender.SendAsync(_node, [Windows.Reading("rig-1", 1)], CancellationToken.None).WaitAsync(_timeout);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(string.Empty, request.Uri.Query);
        Assert.True(sender.Acknowledgements.Contains(new AcknowledgedReading(_node, "rig-1", 1)));
    }

    [Fact]
    public async Task SendAsync_BinaryWindowRefused_CountsItRejectedWithTheNodesReason()
    {
        const string problem = """
            {"type":"https://edgewise/problems/invalid-reading","title":"No acceptable reading","status":400,
             "errors":[{"index":null,"field":"samples","reason":"the body holds 256 samples but samples declares 300"}]}
            """;
        var handler = new FakeIngestHandler((_, _) =>
            Task.FromResult(FakeIngestHandler.Json(HttpStatusCode.BadRequest, problem)));
        using var sender = Sender(handler, VibrationFormat.Binary);

        await sender.SendAsync(_node, [Windows.Reading("rig-1", 1)], CancellationToken.None).WaitAsync(_timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal((1L, 0L, 0L), (counters.Rejected, counters.Retries, counters.Failed));
        Assert.Contains("samples declares 300", counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_BinaryReceiptWithAnError_RejectsTheWindow()
    {
        var error = new ReadingError(null, "sampleRate", "sampleRate must be between 1 and 1000000 Hz, not 0");
        var receipt = new IngestReceipt(0, 1, [], [error]);
        var handler = new FakeIngestHandler((_, _) => Task.FromResult(FakeIngestHandler.Receipt(receipt)));
        using var sender = Sender(handler, VibrationFormat.Binary);

        await sender.SendAsync(_node, [Windows.Reading("rig-1", 1)], CancellationToken.None).WaitAsync(_timeout);

        var counters = sender.Snapshot([_node]).Single();
        Assert.Equal((0L, 1L, 0L), (counters.Acknowledged, counters.Rejected, counters.Failed));
    }

    private static ReadingSender Sender(FakeIngestHandler handler, VibrationFormat format) =>
        new(handler, new ReadingSenderOptions { VibrationFormat = format }, new ManualTimeProvider(), new Random(1));
}
