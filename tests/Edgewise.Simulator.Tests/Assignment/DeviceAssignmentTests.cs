using Edgewise.Simulator.Assignment;

namespace Edgewise.Simulator.Tests.Assignment;

public sealed class DeviceAssignmentTests
{
    private static readonly Uri[] _nodes =
        [new("http://127.0.0.1:5101"), new("http://127.0.0.1:5102"), new("http://127.0.0.1:5103")];

    private static readonly string[] _devices = [.. Enumerable.Range(1, 20).Select(i => $"T_{i}")];

    [Fact]
    public void Even_TenDevicesThreeNodes_DealsSortedIdsRoundRobin()
    {
        var ids = _devices.Take(10).Reverse().ToArray();

        var assignment = DeviceAssignment.Even(ids, _nodes);

        Assert.Equal([4, 3, 3], _nodes.Select(node => assignment.DevicesPerNode[node]));
        var sorted = ids.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(_nodes[0], assignment.NodeFor(sorted[0]));
        Assert.Equal(_nodes[1], assignment.NodeFor(sorted[1]));
        Assert.Equal(_nodes[0], assignment.NodeFor(sorted[3]));
    }

    [Fact]
    public void Skewed_EightyPercent_PutsThatShareOnTheFirstNodeAndSpreadsTheRest()
    {
        var assignment = DeviceAssignment.Skewed(_devices, _nodes, 0.8, new Random(42));

        Assert.InRange(assignment.DevicesPerNode[_nodes[0]], 15, 17);
        Assert.Equal(_devices.Length, assignment.DevicesPerNode.Values.Sum());
        Assert.InRange(assignment.DevicesPerNode[_nodes[1]] - assignment.DevicesPerNode[_nodes[2]], -1, 1);
    }

    [Fact]
    public void Skewed_SameSeed_GivesTheSameAssignment()
    {
        var first = DeviceAssignment.Skewed(_devices, _nodes, 0.5, new Random(9));
        var second = DeviceAssignment.Skewed(_devices.Reverse(), _nodes, 0.5, new Random(9));

        Assert.Equal(first.Homes.OrderBy(p => p.Key), second.Homes.OrderBy(p => p.Key));
    }

    [Fact]
    public void Skewed_OneNode_PutsEveryDeviceOnIt()
    {
        var assignment = DeviceAssignment.Skewed(_devices, [_nodes[0]], 0.3, new Random(1));

        Assert.Equal(_devices.Length, assignment.DevicesPerNode[_nodes[0]]);
    }
}
