namespace Edgewise.Lab.Engine;

/// <summary>A simulated node's state: FIFO queue, workers, smoothed service time, reports sent, health.</summary>
internal sealed class SimNode
{
    /// <summary>Reports kept for lazy delivery (a power of two); a report older than this many intervals is never read.</summary>
    public const int ReportRing = 16;

    private const double ServiceTimeSmoothing = 0.1;

    public SimNode(NodeShape shape)
    {
        Shape = shape;
        Running = new int[shape.Workers];
        Array.Fill(Running, -1);
        FreeAtMs = new double[shape.Workers];
    }

    public NodeShape Shape { get; }

    public Queue<int> Queue { get; } = new();

    /// <summary>Slot of the task on each worker, or -1.</summary>
    public int[] Running { get; }

    /// <summary>The oracle's projection: when each worker is free of the work placed on this node so far.</summary>
    public double[] FreeAtMs { get; }

    public PublishedReport[] Reports { get; } = new PublishedReport[ReportRing];

    /// <summary>Reports sent so far; report k (1-based) sits at k % <see cref="ReportRing"/>.</summary>
    public long ReportsSent { get; set; }

    public int Busy { get; set; }

    public double ServiceMs { get; private set; }

    public bool Up { get; set; } = true;

    public int Epoch { get; set; }

    public double BusyMs { get; set; }

    public double UpSinceMs { get; set; }

    public double UpMs { get; set; }

    public long Ran { get; set; }

    public double QueueIntegral { get; set; }

    public double QueueChangedAtMs { get; set; }

    public int MaxQueue { get; set; }

    public void RecordServiceTime(double ms) =>
        ServiceMs = ServiceMs == 0 ? ms : ServiceMs + (ServiceTimeSmoothing * (ms - ServiceMs));

    /// <summary>Adds the time-weighted queue length up to <paramref name="nowMs"/>; call before the queue changes.</summary>
    public void AccountQueue(double nowMs)
    {
        QueueIntegral += Queue.Count * (nowMs - QueueChangedAtMs);
        QueueChangedAtMs = nowMs;
    }
}
