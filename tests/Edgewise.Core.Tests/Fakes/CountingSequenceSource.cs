using Edgewise.Readings;

namespace Edgewise.Core.Tests.Fakes;

/// <summary>Numbers each device's readings 1, 2, 3, ... and remembers who asked.</summary>
internal sealed class CountingSequenceSource : ISequenceSource
{
    private readonly Dictionary<string, long> _next = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    public long Next(string deviceId)
    {
        Calls.Add(deviceId);
        _next[deviceId] = _next.GetValueOrDefault(deviceId) + 1;

        return _next[deviceId];
    }
}
