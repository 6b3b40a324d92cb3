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

    /// <summary>True when <paramref name="incoming"/> more readings would pass the limit; counts the refusal.</summary>
    public bool Refuses(int incoming)
    {
        if (Pending + incoming <= _limit || Pending == 0)
        {
            return false;
        }

        Interlocked.Increment(ref _refused);

        return true;
    }

    public void Added(int readings) => Interlocked.Add(ref _pending, readings);

    public void Applied(int readings) => Interlocked.Add(ref _pending, -readings);
}
