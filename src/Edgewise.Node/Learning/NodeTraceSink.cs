using Edgewise.Learning.Placement;
using Edgewise.Learning.Traces;
using Edgewise.Traces;

namespace Edgewise.Node.Learning;

/// <summary>
/// Where the dispatcher's traces go: the trace files (unless traces are off) and, under the
/// learned policy, the comparison of predicted and observed latency.
/// </summary>
internal sealed class NodeTraceSink(TraceWriter? writer, LearnedPolicy? learned) : ITraceSink, IAsyncDisposable
{
    /// <summary>The trace folder, or null when traces are off.</summary>
    public string? Directory => writer?.Directory;

    /// <summary>Rows written to trace files.</summary>
    public long Written => writer?.Written ?? 0;

    /// <summary>Rows dropped because the disk could not keep up or failed.</summary>
    public long Dropped => writer?.Dropped ?? 0;

    public void Write(TaskTrace trace)
    {
        writer?.Write(trace);
        learned?.Observe(trace.Features, trace.LatencyMs);
    }

    public ValueTask DisposeAsync() => writer?.DisposeAsync() ?? ValueTask.CompletedTask;
}
