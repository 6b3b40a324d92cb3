namespace Edgewise.Readings;

/// <summary>A device's own report of its state, as the original prototype sent it.</summary>
public enum ReadingStatus
{
    /// <summary>The device measured; the reading carries a value.</summary>
    Active,

    /// <summary>The device is idle; the reading may carry no value.</summary>
    Inactive,

    /// <summary>The device reports a fault; the reading may carry no value.</summary>
    Error,
}
