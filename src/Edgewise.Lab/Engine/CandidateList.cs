using System.Collections;
using Edgewise.Placement;

namespace Edgewise.Lab.Engine;

/// <summary>A reusable candidate list, so a placement allocates nothing.</summary>
internal sealed class CandidateList(int capacity) : IReadOnlyList<PlacementCandidate>
{
    private readonly PlacementCandidate[] _items = new PlacementCandidate[capacity];

    public int Count { get; private set; }

    public PlacementCandidate this[int index] =>
        (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Clear() => Count = 0;

    public void Add(in PlacementCandidate candidate) => _items[Count++] = candidate;

    public IEnumerator<PlacementCandidate> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
