namespace Edgewise.Traces;

/// <summary>
/// Where finished tasks' traces go: a live node and the simulator write through the same sink,
/// so the trainer reads both alike. Implementations are called from many threads at once.
/// </summary>
public interface ITraceSink
{
    /// <summary>Records one finished task. Must not block the caller on disk I/O.</summary>
    void Write(TaskTrace trace);
}
