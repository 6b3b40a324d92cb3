using System.Collections.Concurrent;

namespace Edgewise.Simulator.Sending;

/// <summary>
/// Every (node, device, sequence) a node acknowledged, with how often. After a run it can be
/// compared with the nodes' stores: each entry should be stored exactly once.
/// </summary>
public sealed class AcknowledgementLog
{
    private readonly ConcurrentDictionary<AcknowledgedReading, int> _times = new();
    private long _acknowledgements;
    private long _duplicates;

    /// <summary>Distinct readings acknowledged.</summary>
    public int Count => _times.Count;

    /// <summary>Acknowledgements received, repeats included.</summary>
    public long Acknowledgements => Interlocked.Read(ref _acknowledgements);

    /// <summary>Acknowledgements the node marked duplicate: it had already accepted that reading.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>The distinct readings acknowledged, in no particular order.</summary>
    public IReadOnlyCollection<AcknowledgedReading> Entries => [.. _times.Keys];

    /// <summary>Records one acknowledgement.</summary>
    public void Record(AcknowledgedReading reading, bool duplicate)
    {
        ArgumentNullException.ThrowIfNull(reading.Node);
        ArgumentNullException.ThrowIfNull(reading.DeviceId);

        _times.AddOrUpdate(reading, 1, static (_, times) => times + 1);
        Interlocked.Increment(ref _acknowledgements);
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    /// <summary>True when the node acknowledged the reading at least once.</summary>
    public bool Contains(AcknowledgedReading reading) => _times.ContainsKey(reading);

    /// <summary>How many times the reading was acknowledged; 0 when never.</summary>
    public int TimesAcknowledged(AcknowledgedReading reading) =>
        _times.TryGetValue(reading, out var times) ? times : 0;
}
