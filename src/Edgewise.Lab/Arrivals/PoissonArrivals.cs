namespace Edgewise.Lab.Arrivals;

/// <summary>Poisson arrivals: exponential gaps of mean <paramref name="meanGapMs"/>.</summary>
internal sealed class PoissonArrivals(double meanGapMs) : IArrivalProcess
{
    public double NextGapMs(Random random, double nowMs) => Exponential(random, meanGapMs);

    /// <summary>An exponential draw of mean <paramref name="mean"/>.</summary>
    public static double Exponential(Random random, double mean) => -Math.Log(1 - random.NextDouble()) * mean;
}
