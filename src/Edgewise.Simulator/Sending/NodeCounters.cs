namespace Edgewise.Simulator.Sending;

/// <summary>Atomic counters for one node, read as a <see cref="NodeProgress"/> snapshot.</summary>
internal sealed class NodeCounters(Uri node)
{
    private long _sent;
    private long _acknowledged;
    private long _duplicates;
    private long _rejected;
    private long _failed;
    private long _retries;
    private string? _lastError;

    public Uri Node { get; } = node;

    public void AddSent(long count) => Interlocked.Add(ref _sent, count);

    public void AddAcknowledged(bool duplicate)
    {
        Interlocked.Increment(ref _acknowledged);
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    public void AddRejected(long count, string reason)
    {
        Interlocked.Add(ref _rejected, count);
        Volatile.Write(ref _lastError, reason);
    }

    public void AddFailed(long count, string reason)
    {
        Interlocked.Add(ref _failed, count);
        Volatile.Write(ref _lastError, reason);
    }

    public void NoteError(string reason) => Volatile.Write(ref _lastError, reason);

    public void AddRetry() => Interlocked.Increment(ref _retries);

    public NodeProgress Snapshot() => new(
        Node,
        Interlocked.Read(ref _sent),
        Interlocked.Read(ref _acknowledged),
        Interlocked.Read(ref _duplicates),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _retries),
        Volatile.Read(ref _lastError));
}
