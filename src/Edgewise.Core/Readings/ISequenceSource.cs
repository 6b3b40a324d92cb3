namespace Edgewise.Readings;

/// <summary>
/// Gives sequence numbers to readings in the prototype formats, which carry none. Called once per
/// accepted reading, in body order; implementations must be thread-safe.
/// </summary>
public interface ISequenceSource
{
    /// <summary>Returns the next sequence number of the device.</summary>
    long Next(string deviceId);
}
