namespace Edgewise.Processing;

/// <summary>Whether an alert starts or ends a violation.</summary>
public enum AlertState
{
    /// <summary>The device entered violation of the rule.</summary>
    Raised,

    /// <summary>The device's value came back within the rule's thresholds.</summary>
    Cleared,
}
