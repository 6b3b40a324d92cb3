using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Edgewise.Cli.Tests.Infrastructure;
using Edgewise.Node.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edgewise.Cli.Tests.Fault;

/// <summary>
/// A node taking readings from a real Mosquitto broker, killed with SIGKILL mid-stream while
/// devices keep publishing, then started again: the broker redelivers what the node had not
/// acknowledged and what arrived while it was down, and every reading the broker acknowledged to
/// a device ends processed exactly once.
/// </summary>
[Trait("Category", "Fault")]
public sealed class MqttKilledNodeTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task NodeKilledMidStream_TheBrokerRedeliversAndNothingAcknowledgedIsLost()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var address = NodeAddress.Create("mqtt-home");
        var settings = new Dictionary<string, string>
        {
            ["Mqtt:Broker"] = broker.Address,
            ["Mqtt:ReconnectDelay"] = "00:00:00.100",
        };
        var node = ChildNode.Start(address, [], "local", workers: 1, settings);
        try
        {
            await node.WaitHealthyAsync(Start);
            using var devices = new MqttClientFactory().CreateMqttClient();
            await devices.ConnectAsync(new MqttClientOptionsBuilder()
                .WithConnectionUri(broker.Address)
                .WithClientId("devices")
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .Build());
            var acknowledged = new ConcurrentDictionary<(string DeviceId, long Sequence), bool>();
            using var stop = new CancellationTokenSource();
            var publishing = Task.WhenAll(Enumerable.Range(0, 8).Select(device => PublishAsync(devices, $"mk-{device}", acknowledged, stop.Token)));

            await WaitUntilAsync(async () => (await node.StatsAsync()).ReadingsReceived >= 500);
            await node.KillAsync();
            var atKill = acknowledged.Count;
            // The broker keeps taking readings while the node is down; it holds them for the node's session.
            await WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= atKill + 300));
            var whileDown = acknowledged.Count - atKill;
            await node.DisposeAsync();

            node = ChildNode.Start(address, [], "local", workers: 1, settings);
            await node.WaitHealthyAsync(Start);
            await WaitUntilAsync(async () => (await node.StatsAsync()).ReadingsReceived >= 200);
            await stop.CancelAsync();
            await publishing;
            var expected = acknowledged.Keys.ToHashSet();
            await WaitUntilAsync(async () => StoredReadings(address) >= expected.Count);
            await node.WaitForIdleAsync(Deadline);
            await node.TerminateAsync(Start);

            Assert.True(whileDown >= 300, "the broker took no readings while the node was down");
            Verdict.AssertExactlyOnce(address.DataDirectory, expected);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>A device: publishes its readings in sequence, each until the broker takes it for a subscriber.</summary>
    private static async Task PublishAsync(
        IMqttClient client,
        string deviceId,
        ConcurrentDictionary<(string, long), bool> acknowledged,
        CancellationToken stop)
    {
        for (var sequence = 1L; !stop.IsCancellationRequested; sequence++)
        {
            var body = Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"deviceId\":\"{deviceId}\",\"kind\":\"temperature\",\"value\":{20 + (sequence % 7)},\"timestamp\":\"2024-10-01T12:00:00Z\",\"sequence\":{sequence}}}"));
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"edgewise/{deviceId}/readings")
                .WithPayload(body)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            while (true)
            {
                // Once the device has sent a reading it sees it through, even after the stop signal,
                // so its sequence numbers have no gap.
                var result = await client.PublishAsync(message, CancellationToken.None);
                if (result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    acknowledged[(deviceId, sequence)] = true;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
            }
        }
    }

    private static long StoredReadings(NodeAddress address) =>
        Edgewise.Node.Storage.StoreAudit.Read(address.DataDirectory).Readings;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
