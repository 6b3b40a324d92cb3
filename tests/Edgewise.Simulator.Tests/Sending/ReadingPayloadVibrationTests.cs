using System.Text;
using System.Text.Json;
using System.Web;
using Edgewise.Readings;
using Edgewise.Simulator.Sending;
using Edgewise.Simulator.Tests.Fakes;

namespace Edgewise.Simulator.Tests.Sending;

public sealed class ReadingPayloadVibrationTests
{
    [Fact]
    public void Samples_AnyHost_WritesLittleEndianFloat32()
    {
        var body = ReadingPayload.Samples([1f, -2.5f]);

        Assert.Equal([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0], body);
    }

    [Fact]
    public void Query_Window_CarriesEveryFieldEscaped()
    {
        var reading = Windows.Reading("rig 1", 7, channel: "x&y");

        var query = ReadingPayload.Query(reading);

        Assert.Equal(
            "deviceId=rig%201&sequence=7&sampleRate=20480&timestamp=2024-10-01T12%3A00%3A00Z"
                + "&channel=x%26y&samples=256&status=ACTIVE",
            query);
    }

    [Fact]
    public void Requests_BinaryWindow_RoundTripsThroughTheNodesParser()
    {
        var reading = Windows.Reading("ims-bearing1-x", 3);

        var request = Assert.Single(ReadingPayload.Requests([reading], VibrationFormat.Binary));

        Assert.Equal("application/octet-stream", request.ContentType.MediaType);
        var query = HttpUtility.ParseQueryString(request.Query!);
        var metadata = VibrationMetadata.FromQuery(name => query[name]);
        var result = Parser().ParseVibrationBinary(request.Body, metadata);
        var parsed = Assert.Single(result.Accepted).Reading;
        Assert.Equal(reading.Samples, parsed.Samples);
        Assert.Equal(
            (3L, 20_480.0, "ch1", Windows.At),
            (parsed.Sequence, parsed.SampleRate!.Value, parsed.Channel, parsed.Timestamp));
    }

    [Fact]
    public void Requests_JsonWindow_RoundTripsThroughTheNodesParser()
    {
        var reading = Windows.Reading("rig-1", 4);

        var request = Assert.Single(ReadingPayload.Requests([reading], VibrationFormat.Json));

        Assert.Null(request.Query);
        Assert.Equal("application/json", request.ContentType.MediaType);
        using (var json = JsonDocument.Parse(request.Body))
        {
            Assert.False(json.RootElement[0].TryGetProperty("value", out _));
        }

        var parsed = Assert.Single(Parser().Parse(request.Body).Accepted).Reading;
        Assert.Equal(reading.Samples, parsed.Samples);
        Assert.Equal(("vibration", 20_480.0, "ch1"), (parsed.Kind, parsed.SampleRate!.Value, parsed.Channel));
    }

    [Fact]
    public void Requests_MixedTick_ScalarRunsTogetherAndEachWindowAlone()
    {
        var tick = new[]
        {
            ListDevice.Reading("d1", 1),
            ListDevice.Reading("d1", 2),
            Windows.Reading("d1", 3),
            Windows.Reading("d1", 4),
            ListDevice.Reading("d1", 5),
        };

        var requests = ReadingPayload.Requests(tick, VibrationFormat.Binary);

        Assert.Equal(
            [[1L, 2L], [3L], [4L], [5L]],
            requests.Select(r => r.Readings.Select(reading => reading.Sequence).ToArray()));
        Assert.Equal([null, "256", "256", null], requests.Select(r => SamplesOf(r.Query)));
        Assert.StartsWith("[{", Encoding.UTF8.GetString(requests[^1].Body), StringComparison.Ordinal);
    }

    private static string? SamplesOf(string? query) =>
        query is null ? null : HttpUtility.ParseQueryString(query)["samples"];

    private static ReadingParser Parser() =>
        new(new KindCatalogue(KindCatalogue.Defaults), new ReadingParserOptions(), TimeProvider.System);
}
