namespace Edgewise.Placement;

/// <summary>What a task computes.</summary>
public enum TaskKind
{
    /// <summary>A batch of scalar readings of one device.</summary>
    Scalar,

    /// <summary>One window of vibration samples.</summary>
    Vibration,
}
