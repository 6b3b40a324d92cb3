using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;
using Edgewise.Readings;

namespace Edgewise.Node.Tests.Api;

public sealed class ReadingsApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(20);

    private TestNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await TestNode.StartAsync("api", new Dictionary<string, string?> { ["Node:MaxRequestBodyBytes"] = "65536" });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task PostReadings_OneValidReading_IsAcceptedAndProcessed()
    {
        var response = await PostJsonAsync(
            "api/v1/readings",
            """{"deviceId":"dev-1","kind":"temperature","value":21.5,"unit":"°C","timestamp":"2024-10-01T12:00:00Z","sequence":1}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.NotNull(receipt);
        Assert.Equal(1, receipt.Accepted);
        Assert.Equal(new AcceptedReading(0, "dev-1", 1, false), receipt.Readings.Single());

        await _node.WaitForIdleAsync(Idle);
        using var device = JsonDocument.Parse(await _node.Client.GetStringAsync("api/v1/devices/dev-1"));
        var kind = device.RootElement.GetProperty("kinds")[0];
        Assert.Equal("temperature", kind.GetProperty("kind").GetString());
        Assert.Equal(21.5, kind.GetProperty("lastValue").GetDouble());
    }

    [Fact]
    public async Task PostRoot_PrototypeBody_IsAccepted()
    {
        var response = await PostJsonAsync(
            "/",
            """{"sensor_id": "T_1", "status": "ACTIVE", "temperature": 22.4, "timestamp": "2024-10-01 12:00:00"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.Equal("T_1", receipt!.Readings.Single().DeviceId);
        Assert.Equal(1, receipt.Readings.Single().Sequence);

        var second = await PostJsonAsync(
            "/",
            """{"sensor_id": "T_1", "status": "INACTIVE", "temperature": null, "timestamp": "2024-10-01 12:00:05"}""");
        var secondReceipt = await second.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.Equal(2, secondReceipt!.Readings.Single().Sequence);
    }

    [Fact]
    public async Task PostRoot_DeviceThatAlsoNumbersItsOwnReadings_GetsTheNextFreeSequence()
    {
        await PostJsonAsync(
            "api/v1/readings",
            """{"deviceId":"T_9","kind":"temperature","value":21,"timestamp":"2024-10-01T12:00:00Z","sequence":5}""");

        var response = await PostJsonAsync(
            "/",
            """{"sensor_id": "T_9", "status": "ACTIVE", "temperature": 23.5, "timestamp": "2024-10-01 12:00:05"}""");

        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.Equal(new AcceptedReading(0, "T_9", 6, false), receipt!.Readings.Single());
    }

    [Fact]
    public async Task PostRoot_DeviceAtTheLastSequence_Answers400InsteadOfWrapping()
    {
        await PostJsonAsync(
            "api/v1/readings",
            """{"deviceId":"T_max","kind":"temperature","value":21,"timestamp":"2024-10-01T12:00:00Z","sequence":9223372036854775807}""");

        var response = await PostJsonAsync(
            "/",
            """{"sensor_id": "T_max", "status": "ACTIVE", "temperature": 23.5, "timestamp": "2024-10-01 12:00:05"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("sequence", problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostSensorData_EarlierPrototypeBody_GivesTwoReadings()
    {
        var response = await PostJsonAsync("sensor-data", """{"temperature": 25.1, "energy": 61.0}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.Equal(2, receipt!.Accepted);

        await _node.WaitForIdleAsync(Idle);
        using var device = JsonDocument.Parse(await _node.Client.GetStringAsync("api/v1/devices/sensor-data"));
        var kinds = device.RootElement.GetProperty("kinds").EnumerateArray().Select(k => k.GetProperty("kind").GetString());
        Assert.Equal(["energy", "temperature"], kinds.Order());
    }

    [Theory]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":1,"timestamp":"2024-10-01T12:00:00Z","sequence":1""", "$")]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":"warm","timestamp":"2024-10-01T12:00:00Z","sequence":1}""", "value")]
    [InlineData("""{"kind":"temperature","value":1,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""", "deviceId")]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":NaN,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""", "$")]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":1e400,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""", "value")]
    [InlineData("""{"deviceId":"d","kind":"pressure","value":1,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""", "kind")]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":1,"timestamp":"2024-10-01T12:00:00Z"}""", "sequence")]
    [InlineData("""{"deviceId":"d","kind":"temperature","value":1,"timestamp":"yesterday","sequence":1}""", "timestamp")]
    [InlineData("42", "$")]
    public async Task PostReadings_BadInput_Answers400NamingTheField(string body, string field)
    {
        var response = await PostJsonAsync("api/v1/readings", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:edgewise:problem:invalid-readings", problem.RootElement.GetProperty("type").GetString());
        var error = problem.RootElement.GetProperty("errors")[0];
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task PostReadings_MixedArray_AcceptsValidAndReportsEachRejectedByIndex()
    {
        var body = """
            [
              {"deviceId":"mix","kind":"humidity","value":40,"timestamp":"2024-10-01T12:00:00Z","sequence":1},
              {"deviceId":"mix","kind":"humidity","value":"wet","timestamp":"2024-10-01T12:00:05Z","sequence":2},
              {"deviceId":"mix","kind":"humidity","value":41,"timestamp":"2024-10-01T12:00:10Z","sequence":3},
              {"deviceId":"mix","kind":"sound","value":41,"timestamp":"2024-10-01T12:00:10Z","sequence":4}
            ]
            """;

        var response = await PostJsonAsync("api/v1/readings", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        Assert.Equal([0, 2], receipt!.Readings.Select(r => r.Index));
        Assert.Equal([1, 3], receipt.Errors.Select(e => e.Index ?? -1));
        Assert.Equal(["value", "kind"], receipt.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task PostReadings_BodyOverLimit_Answers413()
    {
        var reading = """{"deviceId":"big","kind":"temperature","value":20,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""";
        var body = "[" + string.Join(",", Enumerable.Repeat(reading, 2000)) + "]";

        var response = await PostJsonAsync("api/v1/readings", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:edgewise:problem:body-too-large", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostReadings_NotJson_Answers415()
    {
        using var content = new StringContent("deviceId=d", Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await _node.Client.PostAsync(new Uri("api/v1/readings", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:edgewise:problem:unsupported-media-type", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostReadings_RetryOfAcceptedReading_IsAcknowledgedAndProcessedOnce()
    {
        var body = """{"deviceId":"retry","kind":"temperature","value":20,"timestamp":"2024-10-01T12:00:00Z","sequence":7}""";

        var first = await (await PostJsonAsync("api/v1/readings", body)).Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);
        var second = await (await PostJsonAsync("api/v1/readings", body)).Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt);

        Assert.False(first!.Readings.Single().Duplicate);
        Assert.True(second!.Readings.Single().Duplicate);
        await _node.WaitForIdleAsync(Idle);
        var stats = await _node.StatsAsync();
        Assert.Equal(1, stats.ReadingsDuplicate);
        await _node.StopAsync();
        var audit = StoreAudit.Read(_node.DataDirectory);
        Assert.True(audit.ExactlyOnce);
        Assert.Equal(1, audit.Readings);
    }

    [Fact]
    public async Task ReadApi_ServesHealthStatsOpenApiAndUnknownDevice404()
    {
        Assert.Equal(HttpStatusCode.OK, (await _node.Client.GetAsync(new Uri("healthz", UriKind.Relative))).StatusCode);
        var stats = await _node.StatsAsync();
        Assert.Equal("api", stats.NodeId);

        var openApi = await _node.Client.GetStringAsync("openapi/v1.json");
        Assert.Contains("/api/v1/readings", openApi, StringComparison.Ordinal);
        Assert.Contains("application/octet-stream", openApi, StringComparison.Ordinal);

        var missing = await _node.Client.GetAsync(new Uri("api/v1/devices/nobody", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        return await _node.Client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
