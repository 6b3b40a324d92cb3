namespace Edgewise.Node.Ingest.Mqtt;

/// <summary>
/// MQTT ingest of one node, bound from the configuration section <c>Mqtt</c> (for example
/// <c>EDGEWISE_Mqtt__Broker</c> or <c>edgewise node --mqtt</c>). Off unless a broker is set.
/// </summary>
public sealed class MqttIngestOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Mqtt";

    /// <summary>Broker address, <c>mqtt://host:port</c> (or <c>mqtts://</c>); null turns MQTT ingest off.</summary>
    public string? Broker { get; set; }

    /// <summary>
    /// First topic levels of the scheme <c>{prefix}/{device}/readings</c> (JSON, as over HTTP)
    /// and <c>{prefix}/{device}/vibration</c> (binary window, fields in user properties).
    /// Default <c>edgewise</c>.
    /// </summary>
    public string TopicPrefix { get; set; } = "edgewise";

    /// <summary>
    /// Shared subscription group: nodes with the same group split the devices' messages between
    /// them (<c>$share/{group}/…</c>). Empty: a plain subscription, every message to this node,
    /// as with a broker that has no shared subscriptions. Default <c>edgewise</c>.
    /// </summary>
    public string SharedGroup { get; set; } = "edgewise";

    /// <summary>Where malformed messages go. Default <c>{TopicPrefix}/dead-letter</c>.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Client id at the broker; the session (and unacknowledged messages) belong to it. Default <c>edgewise-{node id}</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>User name at the broker, when it asks for one (Mosquitto's password file).</summary>
    public string? Username { get; set; }

    /// <summary>Password at the broker; set it through <c>EDGEWISE_Mqtt__Password</c> rather than a file.</summary>
    public string? Password { get; set; }

    /// <summary>How long the broker keeps this node's session, and its unacknowledged messages, while it is away. Default 1 hour.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages the broker may have delivered to this node and not yet had acknowledged. Default 1,000.</summary>
    public int ReceiveMaximum { get; set; } = 1_000;

    /// <summary>First wait before reconnecting after the broker was lost; doubles up to 30 s. Default 500 ms.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The dead-letter topic in effect.</summary>
    public string EffectiveDeadLetterTopic => DeadLetterTopic ?? $"{TopicPrefix}/dead-letter";

    /// <summary>Problems with these settings, each naming the setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Broker is null)
        {
            return problems;
        }

        if (!Uri.TryCreate(Broker, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "mqtts"))
        {
            problems.Add($"Mqtt:Broker '{Broker}' is not an mqtt:// or mqtts:// address.");
        }

        if (string.IsNullOrWhiteSpace(TopicPrefix) || TopicPrefix.IndexOfAny(['+', '#']) >= 0
            || TopicPrefix.StartsWith('/') || TopicPrefix.EndsWith('/') || TopicPrefix.StartsWith('$'))
        {
            problems.Add($"Mqtt:TopicPrefix '{TopicPrefix}' must be topic levels without wildcards, not starting with '$' or a slash, nor ending with one.");
        }

        if (SharedGroup.IndexOfAny(['/', '+', '#']) >= 0)
        {
            problems.Add($"Mqtt:SharedGroup '{SharedGroup}' must not contain '/', '+' or '#'.");
        }

        if (ReceiveMaximum is < 1 or > ushort.MaxValue)
        {
            problems.Add($"Mqtt:ReceiveMaximum must be between 1 and {ushort.MaxValue} (got {ReceiveMaximum}).");
        }

        if (SessionExpiry < TimeSpan.Zero || SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            problems.Add($"Mqtt:SessionExpiry must be between 0 and {uint.MaxValue} seconds (got {SessionExpiry}).");
        }

        if (ReconnectDelay <= TimeSpan.Zero)
        {
            problems.Add($"Mqtt:ReconnectDelay must be positive (got {ReconnectDelay}).");
        }

        return problems;
    }
}
