using Edgewise.Node.Storage;

namespace Edgewise.Node.Tests.Storage;

public sealed class SequenceRangesTests
{
    [Fact]
    public void Add_InAnyOrder_AcceptsEachSequenceOnce()
    {
        var ranges = new SequenceRanges();
        long[] order = [5, 1, 2, 9, 4, 3, 7, 8, 6, 10];

        var fresh = order.Select(ranges.Add).ToList();
        var again = order.Select(ranges.Add).ToList();

        Assert.All(fresh, Assert.True);
        Assert.All(again, Assert.False);
        Assert.Equal(10, ranges.Highest);
        Assert.False(ranges.Contains(11));
        Assert.True(ranges.Contains(6));
    }

    [Fact]
    public void Add_WithGaps_KeepsTheGapsOpen()
    {
        var ranges = new SequenceRanges();
        ranges.Add(1);
        ranges.Add(3);
        ranges.Add(100);

        Assert.False(ranges.Contains(2));
        Assert.False(ranges.Contains(50));
        Assert.True(ranges.Add(2));
        Assert.True(ranges.Contains(2));
        Assert.Equal(100, ranges.Highest);
    }
}
