namespace Edgewise.Vibration;

/// <summary>A half-open frequency range [<paramref name="LowHz"/>, <paramref name="HighHz"/>).</summary>
/// <param name="LowHz">Lowest frequency in the band, in Hz (inclusive).</param>
/// <param name="HighHz">Upper edge of the band, in Hz (exclusive).</param>
public sealed record FrequencyBand(double LowHz, double HighHz)
{
    /// <summary>Whether <paramref name="frequencyHz"/> lies in [LowHz, HighHz).</summary>
    public bool Contains(double frequencyHz) => frequencyHz >= LowHz && frequencyHz < HighHz;
}
