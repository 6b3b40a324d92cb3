using System.Collections.Concurrent;
using System.Text;
using Edgewise.Readings;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edgewise.Simulator.Sending;

/// <summary>
/// Publishes requests to MQTT brokers at QoS 1. A target <c>mqtt://host:port/{prefix}</c> names the
/// broker and the topic prefix; JSON readings go to <c>{prefix}/{device}/readings</c>, a binary
/// window to <c>{prefix}/{device}/vibration</c> with its fields as user properties. The broker's
/// acknowledgement settles the request: from then on the broker owns delivery to a node.
/// </summary>
internal sealed class MqttIngestChannel(TimeSpan requestTimeout) : IIngestChannel
{
    private readonly ConcurrentDictionary<string, Broker> _brokers = new(StringComparer.Ordinal);

    public async Task<Delivery> DeliverAsync(Uri node, IngestRequest request, CancellationToken cancellationToken)
    {
        var broker = _brokers.GetOrAdd($"{node.Host}:{node.Port}", _ => new Broker(node));
        var prefix = node.AbsolutePath.Trim('/');
        if (prefix.Length == 0)
        {
            prefix = "edgewise";
        }

        var reading = request.Readings[0];
        var binary = request.ContentType.MediaType == "application/octet-stream";
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(prefix, reading.DeviceId, binary ? MqttTopics.Vibration : MqttTopics.Readings))
            .WithPayload(request.Body)
            .WithContentType(request.ContentType.MediaType)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (binary)
        {
            foreach (var (name, value) in ReadingPayload.VibrationFields(reading))
            {
                message.WithUserProperty(name, Encoding.UTF8.GetBytes(value).AsMemory());
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        try
        {
            var client = await broker.ConnectedAsync(timeout.Token);
            var result = await client.PublishAsync(message.Build(), timeout.Token);

            return result.ReasonCode switch
            {
                MqttClientPublishReasonCode.Success => Delivery.Settled(null),
                // The broker would drop it: no node has subscribed yet, or all are away.
                MqttClientPublishReasonCode.NoMatchingSubscribers => Delivery.Retry("no node subscribed to the topic"),
                MqttClientPublishReasonCode.QuotaExceeded or MqttClientPublishReasonCode.ImplementationSpecificError
                    => Delivery.Retry($"broker answered {result.ReasonCode}"),
                _ => Delivery.Rejected($"broker answered {result.ReasonCode}: {result.ReasonString}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Delivery.Retry($"timed out after {requestTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            return Delivery.Retry(exception.Message);
        }
    }

    public void Dispose()
    {
        foreach (var broker in _brokers.Values)
        {
            broker.Dispose();
        }
    }

    /// <summary>One connection to a broker, made on first use and again after it is lost.</summary>
    private sealed class Broker(Uri address) : IDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly SemaphoreSlim _connecting = new(1, 1);

        public async Task<IMqttClient> ConnectedAsync(CancellationToken cancellationToken)
        {
            if (_client.IsConnected)
            {
                return _client;
            }

            await _connecting.WaitAsync(cancellationToken);
            try
            {
                if (!_client.IsConnected)
                {
                    var options = new MqttClientOptionsBuilder()
                        .WithTcpServer(address.Host, address.Port)
                        .WithClientId($"edgewise-simulator-{Guid.NewGuid():N}")
                        .WithProtocolVersion(MqttProtocolVersion.V500)
                        .WithCleanStart(true)
                        .Build();
                    await _client.ConnectAsync(options, cancellationToken);
                }

                return _client;
            }
            finally
            {
                _connecting.Release();
            }
        }

        public void Dispose()
        {
            _client.Dispose();
            _connecting.Dispose();
        }
    }
}
