namespace Edgewise.Node.Security;

/// <summary>Matches device ids against a key's scope: exact ids, or prefixes written <c>plant-1/*</c>.</summary>
public static class DeviceScope
{
    /// <summary>True when <paramref name="patterns"/> is empty or one of them matches <paramref name="deviceId"/>.</summary>
    public static bool Allows(IReadOnlyList<string> patterns, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(deviceId);
        if (patterns.Count == 0)
        {
            return true;
        }

        foreach (var pattern in patterns)
        {
            var matches = pattern.EndsWith('*')
                ? deviceId.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
                : string.Equals(pattern, deviceId, StringComparison.Ordinal);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
