namespace Edgewise.Lab.Arrivals;

/// <summary>When the next task arrives: a stream of gaps drawn from the workload's own random source.</summary>
internal interface IArrivalProcess
{
    /// <summary>Milliseconds from <paramref name="nowMs"/> to the next arrival.</summary>
    double NextGapMs(Random random, double nowMs);
}
