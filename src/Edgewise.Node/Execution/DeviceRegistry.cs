using System.Collections.Concurrent;
using Edgewise.Processing;

namespace Edgewise.Node.Execution;

/// <summary>The state of every device this node is home to, kept in memory.</summary>
internal sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<string, DeviceState> _devices = new(StringComparer.Ordinal);

    public int Count => _devices.Count;

    public DeviceState Get(string deviceId) => _devices.GetOrAdd(deviceId, id => new DeviceState(id));

    public DeviceState? Find(string deviceId) => _devices.GetValueOrDefault(deviceId);

    public IEnumerable<string> Ids() => _devices.Keys;
}
