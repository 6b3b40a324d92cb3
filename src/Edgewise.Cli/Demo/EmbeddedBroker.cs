using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using MQTTnet.Server;

namespace Edgewise.Cli.Demo;

/// <summary>
/// The MQTT broker of <c>edgewise demo --mqtt</c>: MQTTnet's server, in the demo's process, on a
/// loopback port. It keeps sessions of nodes that went away, but has no shared subscriptions, so
/// devices are assigned to nodes by topic: node-a takes <c>edgewise/node-a/+/readings</c>, and so on.
/// </summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly ConcurrentDictionary<string, bool> _subscribed = new(StringComparer.Ordinal);

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
        _server.ClientSubscribedTopicAsync += args =>
        {
            _subscribed[args.ClientId] = true;

            return Task.CompletedTask;
        };
    }

    public int Port { get; }

    /// <summary>The broker's address as nodes take it.</summary>
    public string Address => $"mqtt://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The simulator's target for the devices homed on <paramref name="nodeId"/>.</summary>
    public Uri TargetFor(string nodeId) => new($"{Address}/{TopicPrefix(nodeId)}");

    /// <summary>The topic prefix <paramref name="nodeId"/> subscribes under.</summary>
    public static string TopicPrefix(string nodeId) => $"edgewise/{nodeId}";

    public static async Task<EmbeddedBroker> StartAsync(int port)
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions(true)
            // Messages wait for a node that is away; the default of 250 would drop them.
            .WithMaxPendingMessagesPerClient(1_000_000)
            .Build();
        var server = factory.CreateMqttServer(options);
        var broker = new EmbeddedBroker(server, port);
        await server.StartAsync();

        return broker;
    }

    /// <summary>Waits until every client in <paramref name="clientIds"/> has subscribed, so nothing is published to nobody.</summary>
    public async Task WaitForSubscribersAsync(IEnumerable<string> clientIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var waiting = clientIds.ToList();
        while (!waiting.All(_subscribed.ContainsKey))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
    }
}
