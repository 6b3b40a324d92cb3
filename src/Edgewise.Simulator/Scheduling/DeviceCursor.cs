using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Scheduling;

/// <summary>Reads one device's stream a tick at a time: the readings that share an offset.</summary>
internal sealed class DeviceCursor(IDeviceSource device, int order, IEnumerator<SimulatedReading> readings)
    : IDisposable
{
    private SimulatedReading? _next;

    public IDeviceSource Device { get; } = device;

    /// <summary>Position in the device list; breaks ties between devices due at the same offset.</summary>
    public int Order { get; } = order;

    public bool HasNext => _next is not null;

    public TimeSpan NextOffset => _next?.Offset ?? TimeSpan.MaxValue;

    public bool Advance()
    {
        _next = readings.MoveNext() ? readings.Current : null;

        return _next is not null;
    }

    public IReadOnlyList<SimulatedReading> TakeTick()
    {
        var first = _next ?? throw new InvalidOperationException("The device has no more readings.");
        var tick = new List<SimulatedReading> { first };
        while (Advance() && _next!.Offset == first.Offset)
        {
            tick.Add(_next);
        }

        return tick;
    }

    public void Dispose() => readings.Dispose();
}
