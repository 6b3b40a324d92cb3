using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Api;

public sealed class VibrationApiTests : IAsyncLifetime
{
    private const double SampleRate = 20_480;
    private const int Length = 4_096;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync("vibration");

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task PostReadings_JsonWindow_FeaturesReadableThroughDeviceApi()
    {
        var samples = Window(seed: 1, faultAmplitude: 0);
        var numbers = string.Join(',', samples.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            {"deviceId":"rig-json","kind":"vibration","samples":[{{numbers}}],"sampleRate":{{SampleRate}},
             "channel":"x","timestamp":"2024-10-01T12:00:00Z","sequence":1}
            """);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _node.Client.PostAsync(new Uri("api/v1/readings", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _node.WaitForIdleAsync(Idle);
        var device = await DeviceAsync("rig-json");
        var window = device.GetProperty("vibration")[0];
        Assert.Equal("x", window.GetProperty("channel").GetString());
        var dominant = window.GetProperty("features").GetProperty("dominantFrequencyHz").GetDouble();
        Assert.InRange(dominant, 1_000 - (SampleRate / Length), 1_000 + (SampleRate / Length));
    }

    [Fact]
    public async Task PostReadings_BinaryWindows_BaselineThenFaultRaisesAnomalyOnce()
    {
        for (var sequence = 1; sequence <= 20; sequence++)
        {
            var clean = await PostBinaryAsync("rig-bin", sequence, Window(seed: sequence, faultAmplitude: 0));
            Assert.Equal(HttpStatusCode.Accepted, clean.StatusCode);
        }

        await _node.WaitForIdleAsync(Idle);
        var healthy = await PostBinaryAsync("rig-bin", 21, Window(seed: 99, faultAmplitude: 0));
        var faulty = await PostBinaryAsync("rig-bin", 22, Window(seed: 100, faultAmplitude: 0.3));
        Assert.Equal(HttpStatusCode.Accepted, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, faulty.StatusCode);

        await _node.WaitForIdleAsync(Idle);
        var window = (await DeviceAsync("rig-bin")).GetProperty("vibration")[0];
        Assert.Equal(22, window.GetProperty("windows").GetInt64());
        Assert.Equal(1, window.GetProperty("anomalies").GetInt64());
        Assert.False(window.GetProperty("learning").GetBoolean());

        await _node.StopAsync();
        var audit = StoreAudit.Read(_node.DataDirectory);
        Assert.True(audit.ExactlyOnce);
        Assert.Equal(22, audit.Readings);
    }

    [Fact]
    public async Task PostReadings_BinaryLengthDiffersFromDeclared_Answers400NamingSamples()
    {
        var samples = Window(seed: 3, faultAmplitude: 0);

        var response = await PostBinaryAsync("rig-bad", 1, samples, declared: Length + 1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("samples", problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task PostReadings_BinaryNonFiniteSample_Answers400NamingIndex()
    {
        var samples = Window(seed: 4, faultAmplitude: 0);
        samples[17] = float.NaN;

        var response = await PostBinaryAsync("rig-nan", 1, samples);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("samples[17]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostReadings_BinaryWithoutSampleRate_Answers400NamingIt()
    {
        var response = await PostBinaryAsync("rig-rate", 1, Window(seed: 5, faultAmplitude: 0), sampleRate: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var receipt = await response.Content.ReadAsStringAsync();
        Assert.Contains("sampleRate", receipt, StringComparison.Ordinal);
    }

    /// <summary>A 1 kHz tone with noise, and optionally a 3.1 kHz bearing fault tone.</summary>
    private static float[] Window(int seed, double faultAmplitude)
    {
        var random = new Random(seed);
        var samples = new float[Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / SampleRate;
            samples[i] = (float)((0.5 * Math.Sin(2 * Math.PI * 1_000 * t))
                + (faultAmplitude * Math.Sin(2 * Math.PI * 3_100 * t))
                + (0.05 * ((random.NextDouble() * 2) - 1)));
        }

        return samples;
    }

    private async Task<HttpResponseMessage> PostBinaryAsync(
        string deviceId,
        int sequence,
        float[] samples,
        int? declared = null,
        double? sampleRate = SampleRate)
    {
        var body = new byte[samples.Length * sizeof(float)];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * sizeof(float)), samples[i]);
        }

        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"api/v1/readings?deviceId={deviceId}&sequence={sequence}&timestamp=2024-10-01T12:00:00Z&channel=x&samples={declared ?? samples.Length}");
        if (sampleRate is { } rate)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&sampleRate={rate}");
        }

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        return await _node.Client.PostAsync(new Uri(query, UriKind.Relative), content);
    }

    private async Task<JsonElement> DeviceAsync(string deviceId)
    {
        using var document = JsonDocument.Parse(await _node.Client.GetStringAsync($"api/v1/devices/{deviceId}"));

        return document.RootElement.Clone();
    }
}
