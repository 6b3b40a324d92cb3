namespace Edgewise.Readings;

/// <summary>
/// A JSON <c>samples</c> array as read, before validation: the values as float32, or why they
/// cannot be. A bad element is recorded rather than thrown, so the error can name its index.
/// </summary>
/// <param name="Values">The samples, one per array element; unusable elements are left at 0.</param>
/// <param name="Problem">Why the array is refused ("samples[17] must be a finite number"), or null.</param>
internal sealed record SampleArray(float[] Values, string? Problem);
