namespace Edgewise.Node.Storage;

/// <summary>
/// What the store knows in memory about admitted readings: per device the sequences accepted
/// (to answer retries as duplicates), and the readings accepted but without a stored result,
/// with the admission row each came in (so retention never deletes a row still needed). Only
/// the store's writer thread touches it; it is rebuilt from the file at start.
/// </summary>
internal sealed class AdmissionLedger
{
    private readonly Dictionary<string, SequenceRanges> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<(string DeviceId, long Sequence), long> _pending = [];
    private readonly Dictionary<long, int> _pendingPerAdmission = [];

    /// <summary>Accepted readings without a stored result.</summary>
    public int Pending => _pending.Count;

    /// <summary>Devices with accepted readings.</summary>
    public int Devices => _devices.Count;

    /// <summary>
    /// The lowest admission row that still holds a reading without a result; every row below it
    /// is fully processed. <see cref="long.MaxValue"/> when nothing is pending.
    /// </summary>
    public long Floor => _pendingPerAdmission.Count == 0 ? long.MaxValue : _pendingPerAdmission.Keys.Min();

    /// <summary>Forgets everything, before a rebuild from the file.</summary>
    public void Clear()
    {
        _devices.Clear();
        _pending.Clear();
        _pendingPerAdmission.Clear();
    }

    /// <summary>Records the (device, sequence) as accepted; false when it was before.</summary>
    public bool Accept(string deviceId, long sequence)
    {
        if (!_devices.TryGetValue(deviceId, out var ranges))
        {
            ranges = new SequenceRanges();
            _devices[deviceId] = ranges;
        }

        return ranges.Add(sequence);
    }

    /// <summary>The device's highest accepted sequence plus one; -1 when none is left.</summary>
    public long NextSequence(string deviceId)
    {
        var highest = _devices.TryGetValue(deviceId, out var ranges) ? ranges.Highest : 0;

        return highest == long.MaxValue ? -1 : highest + 1;
    }

    /// <summary>Marks an accepted reading as waiting for its result, stored in admission row <paramref name="admissionId"/>.</summary>
    public void AwaitResult(string deviceId, long sequence, long admissionId)
    {
        _pending[(deviceId, sequence)] = admissionId;
        _pendingPerAdmission[admissionId] = _pendingPerAdmission.GetValueOrDefault(admissionId) + 1;
    }

    /// <summary>Marks a reading's result as stored.</summary>
    public void ResultStored(string deviceId, long sequence)
    {
        if (!_pending.Remove((deviceId, sequence), out var admissionId))
        {
            return;
        }

        var left = _pendingPerAdmission[admissionId] - 1;
        if (left == 0)
        {
            _pendingPerAdmission.Remove(admissionId);
        }
        else
        {
            _pendingPerAdmission[admissionId] = left;
        }
    }

    /// <summary>True when the reading is accepted and its result not yet stored.</summary>
    public bool IsPending(string deviceId, long sequence) => _pending.ContainsKey((deviceId, sequence));
}
