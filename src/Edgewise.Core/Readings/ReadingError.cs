namespace Edgewise.Readings;

/// <summary>Why one reading, or a whole body, was refused.</summary>
/// <param name="Index">Position in the request's array; null for a single reading or the whole body.</param>
/// <param name="Field">The JSON field at fault, as the client spelled it ("value", "sensor_id"), or "$" for the body.</param>
/// <param name="Reason">What is wrong, in words a person can act on.</param>
public sealed record ReadingError(int? Index, string Field, string Reason);
