using System.Text.Json;

namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>One request the fake node received, with its readings' device ids and sequences.</summary>
internal sealed record RecordedRequest(Uri Uri, string Body)
{
    public IReadOnlyList<(string DeviceId, long Sequence)> Readings { get; } = Parse(Body);

    private static (string DeviceId, long Sequence)[] Parse(string body)
    {
        using var document = JsonDocument.Parse(body);

        return [.. document.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("deviceId").GetString()!, item.GetProperty("sequence").GetInt64()))];
    }
}
