namespace Edgewise.Simulator;

/// <summary>Why a simulation stopped sending new readings.</summary>
public enum SimulationStopReason
{
    /// <summary>Every replayed data set ran out of readings.</summary>
    DataEnded,

    /// <summary>The configured duration elapsed.</summary>
    DurationElapsed,

    /// <summary>The caller cancelled; readings not yet settled were counted as failed.</summary>
    Cancelled,
}
