namespace Edgewise.Node.Storage;

/// <summary>
/// The sequence numbers one device has had accepted, as sorted disjoint ranges. A device that
/// counts up without gaps costs one range however many readings it sends, so the store decides
/// "seen before?" in memory instead of through a unique index on every insert.
/// </summary>
internal sealed class SequenceRanges
{
    private readonly List<(long First, long Last)> _ranges = [];

    /// <summary>The highest sequence accepted, or 0 when none is.</summary>
    public long Highest => _ranges.Count == 0 ? 0 : _ranges[^1].Last;

    /// <summary>Adds a sequence; false when it was already there.</summary>
    public bool Add(long sequence)
    {
        // The common case: the device's next number.
        if (_ranges.Count > 0)
        {
            var last = _ranges[^1];
            if (sequence == last.Last + 1)
            {
                _ranges[^1] = (last.First, sequence);

                return true;
            }

            if (sequence > last.Last + 1)
            {
                _ranges.Add((sequence, sequence));

                return true;
            }
        }

        var i = FirstEndingAtOrAfter(sequence);
        if (i < _ranges.Count && _ranges[i].First <= sequence)
        {
            return false;
        }

        var joinsPrevious = i > 0 && _ranges[i - 1].Last == sequence - 1;
        var joinsNext = i < _ranges.Count && _ranges[i].First == sequence + 1;
        if (joinsPrevious && joinsNext)
        {
            _ranges[i - 1] = (_ranges[i - 1].First, _ranges[i].Last);
            _ranges.RemoveAt(i);
        }
        else if (joinsPrevious)
        {
            _ranges[i - 1] = (_ranges[i - 1].First, sequence);
        }
        else if (joinsNext)
        {
            _ranges[i] = (sequence, _ranges[i].Last);
        }
        else
        {
            _ranges.Insert(i, (sequence, sequence));
        }

        return true;
    }

    /// <summary>True when the sequence was accepted.</summary>
    public bool Contains(long sequence)
    {
        var i = FirstEndingAtOrAfter(sequence);

        return i < _ranges.Count && _ranges[i].First <= sequence;
    }

    /// <summary>Index of the first range whose last sequence is at or after <paramref name="sequence"/>.</summary>
    private int FirstEndingAtOrAfter(long sequence)
    {
        var (low, high) = (0, _ranges.Count);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranges[middle].Last < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
