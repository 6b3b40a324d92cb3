using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

// MQTT ingest load: publishes readings to a broker at QoS 1 with a bounded number of publishes in
// flight, then waits until the node has taken them all (its /api/v1/stats), and prints the rates.
// Usage: Edgewise.MqttLoad <broker mqtt://host:port> <node http://host:port> <messages> <readings per message> [devices] [in flight]
// The node's stats need an API key unless the node is open: set EDGEWISE_API_KEY.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Edgewise.MqttLoad <broker> <node> <messages> <readings per message> [devices=100] [in flight=256]");
    return 2;
}

var invariant = CultureInfo.InvariantCulture;
var broker = new Uri(args[0]);
var node = new Uri(args[1]);
var messages = int.Parse(args[2], invariant);
var perMessage = int.Parse(args[3], invariant);
var devices = args.Length > 4 ? int.Parse(args[4], invariant) : 100;
var inFlight = args.Length > 5 ? int.Parse(args[5], invariant) : 256;
var run = Guid.NewGuid().ToString("N")[..8];

using var http = new HttpClient { BaseAddress = node };
if (Environment.GetEnvironmentVariable("EDGEWISE_API_KEY") is { Length: > 0 } apiKey)
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
}

var before = await ReceivedAsync(http);

using var client = new MqttClientFactory().CreateMqttClient();
await client.ConnectAsync(new MqttClientOptionsBuilder()
    .WithTcpServer(broker.Host, broker.Port)
    .WithClientId($"mqtt-load-{run}")
    .WithProtocolVersion(MqttProtocolVersion.V500)
    .Build());

var sequences = new long[devices];
var payloads = new (string Topic, byte[] Body)[messages];
for (var m = 0; m < messages; m++)
{
    var device = m % devices;
    var deviceId = $"load-{run}-{device}";
    var body = new StringBuilder(perMessage * 120);
    body.Append(perMessage == 1 ? "" : "[");
    for (var r = 0; r < perMessage; r++)
    {
        var sequence = ++sequences[device];
        body.Append(r > 0 ? "," : "")
            .Append(invariant, $"{{\"deviceId\":\"{deviceId}\",\"kind\":\"temperature\",\"value\":{20 + (sequence % 9)},")
            .Append(invariant, $"\"timestamp\":\"2024-10-01T12:00:00Z\",\"sequence\":{sequence}}}");
    }

    body.Append(perMessage == 1 ? "" : "]");
    payloads[m] = ($"edgewise/{deviceId}/readings", Encoding.UTF8.GetBytes(body.ToString()));
}

var slots = new SemaphoreSlim(inFlight);
var failed = 0;
var clock = Stopwatch.StartNew();
var publishes = new List<Task>(messages);
foreach (var (topic, body) in payloads)
{
    await slots.WaitAsync();
    publishes.Add(PublishAsync(topic, body));
}

await Task.WhenAll(publishes);
var published = clock.Elapsed;
var expected = before + ((long)messages * perMessage);
while (await ReceivedAsync(http) < expected)
{
    await Task.Delay(10);
}

var taken = clock.Elapsed;
Console.WriteLine(string.Create(invariant,
    $"{messages:N0} messages × {perMessage} readings, {devices} devices, {inFlight} in flight: "
    + $"published in {published.TotalSeconds:0.00} s, all durable on the node after {taken.TotalSeconds:0.00} s = "
    + $"{messages / taken.TotalSeconds:N0} messages/s, {messages * (double)perMessage / taken.TotalSeconds:N0} readings/s; failed publishes {failed}"));

return failed == 0 ? 0 : 1;

async Task PublishAsync(string topic, byte[] body)
{
    try
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(body)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        if (!result.IsSuccess)
        {
            Interlocked.Increment(ref failed);
        }
    }
    finally
    {
        slots.Release();
    }
}

static async Task<long> ReceivedAsync(HttpClient http)
{
    using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v1/stats", UriKind.Relative)));

    return stats.RootElement.GetProperty("readingsReceived").GetInt64();
}
