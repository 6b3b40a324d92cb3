using System.Buffers;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Edgewise.Node.Execution;
using Edgewise.Node.Hosting;
using Edgewise.Readings;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Edgewise.Node.Ingest.Mqtt;

/// <summary>
/// Takes readings from an MQTT broker. The node subscribes at QoS 1 (in a shared subscription
/// group when one is set, so the broker spreads devices over the nodes) and acknowledges a
/// message to the broker only once its readings are durable: a node that dies leaves what it had
/// not acknowledged with the broker, which delivers it again when the node's session resumes.
/// Messages that arrive together are admitted together, so they share one store commit.
/// A malformed message is logged, copied to the dead-letter topic, and then acknowledged.
/// </summary>
internal sealed partial class MqttIngest(
    ReadingParser parser,
    ReadingAdmission admission,
    Backlog backlog,
    NodeIdentity identity,
    IOptions<MqttIngestOptions> options,
    TimeProvider time,
    ILogger<MqttIngest> logger) : BackgroundService
{
    private const int MaxBatch = 512;
    private static readonly TimeSpan _maxReconnectDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _maxBacklogWait = TimeSpan.FromMilliseconds(500);

    private readonly MqttIngestOptions _options = options.Value;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _received =
        Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions
        {
            SingleReader = true,
        });

    private long _messages;
    private long _deadLettered;

    /// <summary>Messages taken from the broker and acknowledged.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Messages copied to the dead-letter topic.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Broker is null)
        {
            return;
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += args =>
        {
            // Acknowledged after the readings are durable, by the admission loop.
            args.AutoAcknowledge = false;
            _received.Writer.TryWrite(args);

            return Task.CompletedTask;
        };

        var admitting = AdmitLoopAsync(client, stoppingToken);
        await ConnectLoopAsync(client, stoppingToken);
        await admitting;
    }

    private async Task ConnectLoopAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var clientId = _options.ClientId ?? $"edgewise-{identity.Id}";
        var delay = _options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task OnDisconnected(MqttClientDisconnectedEventArgs args)
            {
                lost.TrySetResult();

                return Task.CompletedTask;
            }

            client.DisconnectedAsync += OnDisconnected;
            try
            {
                var connected = await client.ConnectAsync(ClientOptions(clientId), stoppingToken);
                var subscribe = new MqttClientSubscribeOptionsBuilder();
                foreach (var filter in MqttTopics.Filters(_options.TopicPrefix, _options.SharedGroup))
                {
                    subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                }

                await client.SubscribeAsync(subscribe.Build(), stoppingToken);
                Log.Connected(logger, _options.Broker!, clientId, connected.IsSessionPresent);
                delay = _options.ReconnectDelay;
                await lost.Task.WaitAsync(stoppingToken);
                Log.Lost(logger, _options.Broker!);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                Log.ConnectFailed(logger, _options.Broker!, delay.TotalSeconds, exception.Message);
            }
            finally
            {
                client.DisconnectedAsync -= OnDisconnected;
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = delay * 2 > _maxReconnectDelay ? _maxReconnectDelay : delay * 2;
        }

        if (client.IsConnected)
        {
            // Messages still unacknowledged stay with the broker, in this node's session.
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
    }

    private MqttClientOptions ClientOptions(string clientId)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithConnectionUri(_options.Broker!)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password);
        }

        return builder.Build();
    }

    private async Task AdmitLoopAsync(IMqttClient client, CancellationToken stoppingToken)
    {
        var batch = new List<MqttApplicationMessageReceivedEventArgs>(MaxBatch);
        try
        {
            while (await _received.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _received.Reader.TryRead(out var message))
                {
                    batch.Add(message);
                }

                await AdmitBatchAsync(client, batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Unacknowledged messages stay with the broker and come back with the session.
        }
    }

    private async Task AdmitBatchAsync(
        IMqttClient client,
        List<MqttApplicationMessageReceivedEventArgs> batch,
        CancellationToken stoppingToken)
    {
        // Admitted side by side, so the store's group commit takes them in one transaction.
        var admissions = new Task<Admission>[batch.Count];
        var parsed = new ReadingParseResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            parsed[i] = Parse(batch[i].ApplicationMessage);
            if (parsed[i].BodyError is { } bodyError)
            {
                admissions[i] = Task.FromResult(new Admission([], [bodyError], StoreFailed: false));
                continue;
            }

            await ReserveAsync(parsed[i].Accepted.Count, stoppingToken);
            admissions[i] = admission.AdmitAsync(parsed[i], nodeNumbered: false);
        }

        await Task.WhenAll(admissions);
        for (var i = 0; i < batch.Count; i++)
        {
            var result = admissions[i].Result;
            if (result.StoreFailed)
            {
                // Not acknowledged: dropping the connection makes the broker deliver it again
                // once the node reconnects, by which time the store may be back.
                Log.StoreFailed(logger, batch[i].ApplicationMessage.Topic);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);

                return;
            }

            if (result.Rejected.Count > 0)
            {
                await DeadLetterAsync(client, batch[i].ApplicationMessage, result.Rejected, stoppingToken);
            }

            try
            {
                await batch[i].AcknowledgeAsync(stoppingToken);
                Interlocked.Increment(ref _messages);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The connection went away first; the broker delivers the message again and the
                // store acknowledges the readings as duplicates.
                Log.AcknowledgeFailed(logger, batch[i].ApplicationMessage.Topic, exception.Message);
            }
        }
    }

    /// <summary>
    /// Waits for room in the backlog. Over MQTT the answer to overload is not a 503 but patience:
    /// while the node holds the messages unacknowledged, the broker sends no more than
    /// <see cref="MqttIngestOptions.ReceiveMaximum"/> and keeps the rest.
    /// </summary>
    private async Task ReserveAsync(int readings, CancellationToken stoppingToken)
    {
        var wait = TimeSpan.FromMilliseconds(10);
        while (readings > 0 && !backlog.TryReserve(readings))
        {
            await Task.Delay(wait, time, stoppingToken);
            wait = wait * 2 > _maxBacklogWait ? _maxBacklogWait : wait * 2;
        }
    }

    private ReadingParseResult Parse(MqttApplicationMessage message)
    {
        if (!MqttTopics.TryParse(_options.TopicPrefix, message.Topic, out var deviceId, out var kind))
        {
            return Body("topic", $"'{message.Topic}' is not {_options.TopicPrefix}/{{device}}/readings or {_options.TopicPrefix}/{{device}}/vibration");
        }

        var payload = message.Payload;
        var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
        if (kind == MqttTopics.Vibration)
        {
            var properties = message.UserProperties;
            string? Property(string name) => name == VibrationMetadata.DeviceIdName
                ? deviceId
                : properties?.FirstOrDefault(property => property.Name == name)?.ReadValueAsString();

            return parser.ParseVibrationBinary(bytes, VibrationMetadata.FromQuery(Property));
        }

        return OnlyDevice(parser.Parse(bytes), deviceId);
    }

    /// <summary>Refuses readings whose device is not the one the topic names.</summary>
    private static ReadingParseResult OnlyDevice(ReadingParseResult parsed, string deviceId)
    {
        if (parsed.Accepted.All(item => item.Reading.DeviceId == deviceId))
        {
            return parsed;
        }

        var accepted = new List<IndexedReading>(parsed.Accepted.Count);
        var rejected = new List<ReadingError>(parsed.Rejected);
        foreach (var item in parsed.Accepted)
        {
            if (item.Reading.DeviceId == deviceId)
            {
                accepted.Add(item);
            }
            else
            {
                rejected.Add(new ReadingError(
                    parsed.IsBatch ? item.Index : null,
                    "deviceId",
                    $"'{item.Reading.DeviceId}' is not the device the topic names ('{deviceId}')"));
            }
        }

        return new ReadingParseResult(accepted, rejected, null, parsed.IsBatch, parsed.Count);
    }

    private static ReadingParseResult Body(string field, string reason) =>
        new([], [], new ReadingError(null, field, reason), isBatch: false, count: 0);

    private async Task DeadLetterAsync(
        IMqttClient client,
        MqttApplicationMessage original,
        IReadOnlyList<ReadingError> errors,
        CancellationToken stoppingToken)
    {
        var first = errors[0];
        var reason = (first.Index is { } index ? $"[{index}] " : "") + $"{first.Field}: {first.Reason}";
        Log.DeadLettered(logger, original.Topic, errors.Count, reason);
        var copy = new MqttApplicationMessageBuilder()
            .WithTopic(_options.EffectiveDeadLetterTopic)
            .WithPayload(original.Payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithUserProperty("topic", Utf8(original.Topic))
            .WithUserProperty("node", Utf8(identity.Id))
            .WithUserProperty("errors", Utf8(errors.Count.ToString(CultureInfo.InvariantCulture)))
            .WithUserProperty("reason", Utf8(reason));
        foreach (var property in original.UserProperties ?? [])
        {
            copy.WithUserProperty("original-" + property.Name, property.ValueBuffer);
        }

        await client.PublishAsync(copy.Build(), stoppingToken);
        Interlocked.Increment(ref _deadLettered);
    }

    private static ReadOnlyMemory<byte> Utf8(string value) => Encoding.UTF8.GetBytes(value);

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, EventName = "MqttConnected", Level = LogLevel.Information,
            Message = "MQTT ingest connected to {Broker} as {ClientId} (session resumed: {SessionPresent})")]
        public static partial void Connected(ILogger logger, string broker, string clientId, bool sessionPresent);

        [LoggerMessage(EventId = 701, EventName = "MqttLost", Level = LogLevel.Warning,
            Message = "MQTT broker {Broker} lost; reconnecting")]
        public static partial void Lost(ILogger logger, string broker);

        [LoggerMessage(EventId = 702, EventName = "MqttConnectFailed", Level = LogLevel.Warning,
            Message = "MQTT broker {Broker} unreachable, retrying in {DelaySeconds} s: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, string broker, double delaySeconds, string reason);

        [LoggerMessage(EventId = 703, EventName = "MqttDeadLettered", Level = LogLevel.Warning,
            Message = "MQTT message on {Topic} had {Errors} refused readings, copied to the dead-letter topic; first: {Reason}")]
        public static partial void DeadLettered(ILogger logger, string topic, int errors, string reason);

        [LoggerMessage(EventId = 704, EventName = "MqttStoreFailed", Level = LogLevel.Error,
            Message = "MQTT message on {Topic} could not be stored; left with the broker, reconnecting")]
        public static partial void StoreFailed(ILogger logger, string topic);

        [LoggerMessage(EventId = 705, EventName = "MqttAcknowledgeFailed", Level = LogLevel.Debug,
            Message = "MQTT message on {Topic} stored but not acknowledged ({Reason}); the broker will deliver it again")]
        public static partial void AcknowledgeFailed(ILogger logger, string topic, string reason);
    }
}
