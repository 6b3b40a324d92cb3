namespace Edgewise.Readings;

/// <summary>A validated reading and its position in the request body.</summary>
/// <param name="Index">Position in the request's array; 0 for a single reading.</param>
/// <param name="Reading">The reading.</param>
public readonly record struct IndexedReading(int Index, Reading Reading);
