using Edgewise.Node.Hosting;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Execution;

/// <summary>
/// Readings this node accepted and has not yet applied a result for, wherever they are: in a
/// batch, in the local queue, on a worker, or computing on a peer. Ingest refuses a request
/// that would take the count past <see cref="NodeOptions.MaxPendingReadings"/>, so memory stays
/// bounded when the node and its peers together fall behind; while peers take work, offloaded
/// tasks drain the count through them.
/// </summary>
internal sealed class Backlog(IOptions<NodeOptions> options)
{
    private readonly long _limit = options.Value.MaxPendingReadings;
    private long _pending;
    private long _refused;

    /// <summary>Readings accepted and not yet applied.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Requests refused because the backlog was full.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Reserves room for <paramref name="incoming"/> readings, or answers false (and counts a
    /// refusal) when they would pass the limit. Room not used (duplicates, a failed commit) is
    /// given back with <see cref="Applied"/>. An empty backlog takes any request whole.
    /// </summary>
    public bool TryReserve(int incoming)
    {
        while (true)
        {
            var pending = Interlocked.Read(ref _pending);
            if (pending > 0 && pending + incoming > _limit)
            {
                Interlocked.Increment(ref _refused);

                return false;
            }

            if (Interlocked.CompareExchange(ref _pending, pending + incoming, pending) == pending)
            {
                return true;
            }
        }
    }

    /// <summary>Counts readings that entered without a reservation (recovered at start).</summary>
    public void Added(int readings) => Interlocked.Add(ref _pending, readings);

    /// <summary>Gives back the room of readings applied, or reserved and not accepted.</summary>
    public void Applied(int readings) => Interlocked.Add(ref _pending, -readings);
}
