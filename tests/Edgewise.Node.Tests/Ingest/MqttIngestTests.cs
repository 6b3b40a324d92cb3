using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Infrastructure;
using Edgewise.Readings;
using Edgewise.Simulator;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Edgewise.Node.Tests.Ingest;

/// <summary>MQTT ingest against a real Mosquitto broker on a loopback port.</summary>
public sealed class MqttIngestTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThreeNodesInOneSharedGroupProcessEveryReadingExactlyOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var nodes = new List<TestNode>();
        try
        {
            foreach (var id in new[] { "mqtt-a", "mqtt-b", "mqtt-c" })
            {
                nodes.Add(await TestNode.StartAsync(id, Settings(broker)));
            }

            using var publisher = await ConnectAsync(broker, "devices");
            await WaitForSubscribersAsync(publisher, "edgewise/probe/readings");
            var published = new HashSet<(string, long)>();
            for (var sequence = 1; sequence <= 20; sequence++)
            {
                for (var device = 0; device < 30; device++)
                {
                    var deviceId = $"m-{device}";
                    await PublishAsync(publisher, MqttTopics.For("edgewise", deviceId, MqttTopics.Readings), Reading(deviceId, sequence));
                    published.Add((deviceId, sequence));
                }
            }

            var audits = await WaitForAuditsAsync(nodes, published.Count + 1);

            Assert.All(audits, audit => Assert.True(audit.ExactlyOnce, $"{audit.DatabasePath}: not exactly once"));
            var keys = audits.SelectMany(audit => audit.AcceptedKeys).Where(key => key.DeviceId != "probe").ToList();
            Assert.Equal(published.Count, keys.Count);
            Assert.Equal(published, keys.ToHashSet());
            Assert.True(audits.Count(audit => audit.Readings > 0) >= 2, "the broker should spread devices over the group");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task MalformedMessagesGoToTheDeadLetterTopicAndValidOnesAreStillProcessed()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var node = await TestNode.StartAsync("mqtt-dl", Settings(broker));
        using var watcher = await ConnectAsync(broker, "watcher");
        var deadLetters = new ConcurrentQueue<MqttApplicationMessage>();
        watcher.ApplicationMessageReceivedAsync += args =>
        {
            deadLetters.Enqueue(args.ApplicationMessage);

            return Task.CompletedTask;
        };
        await watcher.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("edgewise/dead-letter", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        using var publisher = await ConnectAsync(broker, "devices");
        await WaitForSubscribersAsync(publisher, "edgewise/probe/readings");
        await PublishAsync(publisher, "edgewise/d-1/readings", Encoding.UTF8.GetBytes("{\"deviceId\":\"d-1\",\"kind\":"));
        await PublishAsync(publisher, "edgewise/d-1/readings", Reading("d-2", 1));
        await PublishAsync(publisher, "edgewise/d-1/readings", Reading("d-1", 1));
        await PublishAsync(publisher, "edgewise/d-1/vibration", new byte[10]);

        using var deadline = new CancellationTokenSource(Deadline);
        while (deadLetters.Count < 3)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }

        var reasons = deadLetters.Select(message => Property(message, "reason")).ToList();
        Assert.Contains(reasons, reason => reason.StartsWith("$: the body is not valid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, reason => reason.StartsWith("deviceId: 'd-2' is not the device the topic names", StringComparison.Ordinal));
        Assert.Contains(reasons, reason => reason.StartsWith("$: the body is 10 bytes", StringComparison.Ordinal));
        Assert.All(deadLetters, message => Assert.StartsWith("edgewise/d-1/", Property(message, "topic"), StringComparison.Ordinal));

        var audit = (await WaitForAuditsAsync([node], 2))[0];
        Assert.Contains(("d-1", 1L), audit.AcceptedKeys);
        Assert.DoesNotContain(audit.AcceptedKeys, key => key.DeviceId == "d-2");
    }

    [Fact]
    public async Task SimulatorPublishingOverMqttGetsEveryAcknowledgedReadingStoredOnce()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var node = await TestNode.StartAsync("mqtt-sim", Settings(broker));
        using (var probe = await ConnectAsync(broker, "probe"))
        {
            await WaitForSubscribersAsync(probe, "edgewise/probe/readings");
        }

        var options = new SimulationOptions
        {
            Targets = [new Uri($"{broker.Address}/edgewise")],
            Datasets = ["synthetic", "rig"],
            SyntheticDevices = 3,
            RigDevices = 1,
            WindowSamples = 1_024,
            SpeedUp = 200,
            Duration = TimeSpan.FromSeconds(2),
        };

        var summary = await new Simulation().RunAsync(options, progress: null, CancellationToken.None);

        Assert.True(summary.Acknowledged > 0, "the broker acknowledged nothing");
        Assert.Equal(0, summary.Rejected);
        var audit = (await WaitForAuditsAsync([node], summary.Acknowledgements.Count + 1))[0];
        Assert.True(audit.ExactlyOnce);
        Assert.All(summary.Acknowledgements.Entries, entry => Assert.Contains((entry.DeviceId, entry.Sequence), audit.AcceptedKeys));
        Assert.Contains(summary.Acknowledgements.Entries, entry => entry.DeviceId.Contains("rig", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(MosquittoBroker broker) => new()
    {
        ["Mqtt:Broker"] = broker.Address,
        ["Mqtt:ReconnectDelay"] = "00:00:00.100",
    };

    private static byte[] Reading(string deviceId, long sequence) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"deviceId\":\"{deviceId}\",\"kind\":\"temperature\",\"value\":{20 + (sequence % 5)},\"timestamp\":\"2024-10-01T12:00:00Z\",\"sequence\":{sequence}}}"));

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker broker, string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithConnectionUri(broker.Address)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .Build());

        return client;
    }

    private static async Task PublishAsync(IMqttClient client, string topic, byte[] payload)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        Assert.True(result.IsSuccess, $"publish to {topic}: {result.ReasonCode}");
    }

    /// <summary>
    /// Publishes a probe reading until the broker reports a subscriber: nodes subscribe in the
    /// background after start, and a message sent before that would have nowhere to go.
    /// </summary>
    private static async Task WaitForSubscribersAsync(IMqttClient client, string topic)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        for (var sequence = 1L; ; sequence++)
        {
            var result = await client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(Reading("probe", sequence))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build(),
                deadline.Token);
            if (result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>Waits until the nodes' stores hold <paramref name="readings"/> readings in all, each processed, and reads them.</summary>
    private static async Task<List<StoreAudit>> WaitForAuditsAsync(IReadOnlyList<TestNode> nodes, int readings)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var total = 0L;
            foreach (var node in nodes)
            {
                total += (await node.StatsAsync()).ReadingsReceived;
            }

            if (total >= readings)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }

        foreach (var node in nodes)
        {
            await node.WaitForIdleAsync(Deadline);
        }

        return [.. nodes.Select(node => StoreAudit.Read(node.DataDirectory))];
    }

    private static string Property(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(property => property.Name == name)?.ReadValueAsString() ?? "";
}
