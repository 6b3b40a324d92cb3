namespace Edgewise.Readings;

/// <summary>Checks and quotes the free-text fields of a reading.</summary>
internal static class ReadingText
{
    /// <summary>Longest device id accepted, in characters.</summary>
    public const int MaxDeviceIdLength = 128;

    private const int MaxEchoLength = 40;

    /// <summary>Checks a device id; returns why it is refused, or null when it is fine.</summary>
    public static string? DeviceIdProblem(string? deviceId, string field)
    {
        if (deviceId is null)
        {
            return $"{field} is required";
        }

        if (string.IsNullOrWhiteSpace(deviceId))
        {
            return $"{field} must not be empty";
        }

        if (deviceId.Length > MaxDeviceIdLength)
        {
            return $"{field} is {deviceId.Length} characters long;"
                + $" at most {MaxDeviceIdLength} are allowed";
        }

        foreach (var c in deviceId)
        {
            if (char.IsControl(c))
            {
                return $"{field} must not contain control characters";
            }
        }

        return null;
    }

    /// <summary>
    /// Quotes client text in an error reason, shortened, with control characters replaced, so a
    /// hostile value cannot flood a log line or forge one.
    /// </summary>
    public static string Echo(string text)
    {
        var shown = text.Length > MaxEchoLength
            ? string.Concat(text.AsSpan(0, MaxEchoLength), "…")
            : text;

        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
