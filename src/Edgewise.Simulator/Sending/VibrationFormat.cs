namespace Edgewise.Simulator.Sending;

/// <summary>How a vibration window travels to the ingest API.</summary>
public enum VibrationFormat
{
    /// <summary>Little-endian float32 samples as application/octet-stream, fields in the query string.</summary>
    Binary,

    /// <summary>A JSON reading with a samples array, like any other reading.</summary>
    Json,
}
