using Edgewise.Traces;

namespace Edgewise.Lab.Tests.Fakes;

/// <summary>Keeps traces in memory, for tests.</summary>
internal sealed class MemoryTraceSink : ITraceSink
{
    public List<TaskTrace> Traces { get; } = [];

    public void Write(TaskTrace trace) => Traces.Add(trace);
}
