namespace Edgewise.Simulator.Assignment;

/// <summary>
/// Which node each device sends to (its home node). Even spreads devices round robin over the
/// nodes; skewed puts a share of them on the first node to make one node hot.
/// </summary>
public sealed class DeviceAssignment
{
    private readonly Dictionary<string, Uri> _homes;

    private DeviceAssignment(IReadOnlyList<Uri> nodes, Dictionary<string, Uri> homes)
    {
        Nodes = nodes;
        _homes = homes;
        DevicesPerNode = nodes.ToDictionary(
            node => node,
            node => homes.Values.Count(home => home == node));
    }

    /// <summary>The nodes, in the order given.</summary>
    public IReadOnlyList<Uri> Nodes { get; }

    /// <summary>Each device's home node, by device id.</summary>
    public IReadOnlyDictionary<string, Uri> Homes => _homes;

    /// <summary>How many devices each node is home to; every node appears, possibly with 0.</summary>
    public IReadOnlyDictionary<Uri, int> DevicesPerNode { get; }

    /// <summary>
    /// Spreads devices evenly: ids sorted ordinally, then dealt round robin, so the same ids and
    /// nodes always give the same assignment.
    /// </summary>
    public static DeviceAssignment Even(IEnumerable<string> deviceIds, IReadOnlyList<Uri> nodes)
    {
        var ids = Prepare(deviceIds, nodes);

        var homes = new Dictionary<string, Uri>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            homes[ids[i]] = nodes[i % nodes.Count];
        }

        return new DeviceAssignment(nodes, homes);
    }

    /// <summary>
    /// Puts round(<paramref name="fraction"/> × devices) on the first node and spreads the rest
    /// round robin over the others. Which devices land where is a shuffle by
    /// <paramref name="random"/>, so it repeats for a seed. With one node, all go to it.
    /// </summary>
    public static DeviceAssignment Skewed(
        IEnumerable<string> deviceIds,
        IReadOnlyList<Uri> nodes,
        double fraction,
        Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(fraction is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Skew must be in [0, 1].");
        }

        var ids = Prepare(deviceIds, nodes);
        random.Shuffle(ids);

        var onFirst = nodes.Count == 1 ? ids.Length : (int)Math.Round(fraction * ids.Length);
        var homes = new Dictionary<string, Uri>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            homes[ids[i]] = i < onFirst ? nodes[0] : nodes[1 + ((i - onFirst) % (nodes.Count - 1))];
        }

        return new DeviceAssignment(nodes, homes);
    }

    /// <summary>The home node of <paramref name="deviceId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The device was not assigned.</exception>
    public Uri NodeFor(string deviceId) => _homes[deviceId];

    private static string[] Prepare(IEnumerable<string> deviceIds, IReadOnlyList<Uri> nodes)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("At least one node is needed.", nameof(nodes));
        }

        return deviceIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }
}
