namespace Edgewise.Learning.Placement;

/// <summary>Why a learned placement fell back to shortest-expected-delay.</summary>
public enum FallbackReason
{
    /// <summary>No model is loaded: none configured, or the file was refused.</summary>
    NoModel,

    /// <summary>The model threw or returned a value that is not a finite latency.</summary>
    ModelFailed,

    /// <summary>A peer's load view was older than the limit.</summary>
    StaleInputs,
}
