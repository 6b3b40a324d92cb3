namespace Edgewise.Readings;

/// <summary>
/// The topic scheme devices publish to: <c>{prefix}/{device}/readings</c> for JSON readings and
/// <c>{prefix}/{device}/vibration</c> for a binary vibration window. Shared by nodes and the
/// simulator, so both spell topics alike.
/// </summary>
public static class MqttTopics
{
    /// <summary>Last topic level of JSON readings.</summary>
    public const string Readings = "readings";

    /// <summary>Last topic level of binary vibration windows.</summary>
    public const string Vibration = "vibration";

    /// <summary>The topic a device publishes <paramref name="kind"/> messages to.</summary>
    public static string For(string prefix, string deviceId, string kind) => $"{prefix}/{deviceId}/{kind}";

    /// <summary>The filters a node subscribes with: both kinds, shared when a group is set.</summary>
    public static IReadOnlyList<string> Filters(string prefix, string sharedGroup)
    {
        var share = string.IsNullOrEmpty(sharedGroup) ? "" : $"$share/{sharedGroup}/";

        return [$"{share}{prefix}/+/{Readings}", $"{share}{prefix}/+/{Vibration}"];
    }

    /// <summary>
    /// Splits <paramref name="topic"/> into its device and kind, when it is
    /// <c>{prefix}/{device}/readings</c> or <c>{prefix}/{device}/vibration</c>.
    /// </summary>
    public static bool TryParse(string prefix, string topic, out string deviceId, out string kind)
    {
        deviceId = "";
        kind = "";
        if (topic.Length <= prefix.Length + 1
            || !topic.StartsWith(prefix, StringComparison.Ordinal)
            || topic[prefix.Length] != '/')
        {
            return false;
        }

        var rest = topic.AsSpan(prefix.Length + 1);
        var slash = rest.IndexOf('/');
        if (slash <= 0 || rest[(slash + 1)..].Contains('/'))
        {
            return false;
        }

        var last = rest[(slash + 1)..];
        if (!last.SequenceEqual(Readings) && !last.SequenceEqual(Vibration))
        {
            return false;
        }

        deviceId = rest[..slash].ToString();
        kind = last.ToString();

        return true;
    }
}
