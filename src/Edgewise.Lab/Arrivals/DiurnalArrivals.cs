namespace Edgewise.Lab.Arrivals;

/// <summary>
/// Poisson arrivals whose rate follows a day-like cycle, λ(t) = λ̄ (1 + a sin(2πt / P)), drawn by
/// thinning (Lewis and Shedler, 1979): candidates at the peak rate, each kept with probability
/// λ(t) / λmax.
/// </summary>
internal sealed class DiurnalArrivals(double meanGapMs, double periodMs, double amplitude) : IArrivalProcess
{
    public double NextGapMs(Random random, double nowMs)
    {
        var peakGapMs = meanGapMs / (1 + amplitude);
        var t = nowMs;
        while (true)
        {
            t += PoissonArrivals.Exponential(random, peakGapMs);
            var relative = (1 + (amplitude * Math.Sin(2 * Math.PI * t / periodMs))) / (1 + amplitude);
            if (random.NextDouble() < relative)
            {
                return t - nowMs;
            }
        }
    }
}
