namespace Edgewise.Tasks;

/// <summary>Spectral and statistical features of one vibration window, after mean removal.</summary>
/// <param name="Rms">Root mean square of the samples (DC removed), in sample units.</param>
/// <param name="PeakToPeak">Largest minus smallest sample.</param>
/// <param name="CrestFactor">Largest absolute sample divided by the RMS.</param>
/// <param name="Kurtosis">Fourth standardised moment (3 for Gaussian noise; impulsive faults raise it).</param>
/// <param name="DominantFrequencyHz">Frequency of the largest spectral peak above DC, in Hz.</param>
/// <param name="BandEnergies">Spectral energy in each configured band, in band order.</param>
public sealed record VibrationFeatures(
    double Rms,
    double PeakToPeak,
    double CrestFactor,
    double Kurtosis,
    double DominantFrequencyHz,
    IReadOnlyList<double> BandEnergies);
