namespace Edgewise.Lab.Arrivals;

/// <summary>
/// On/off arrivals (an interrupted Poisson process): on periods of exponential length with mean
/// <paramref name="onMs"/> carry Poisson arrivals, off periods of mean <paramref name="offMs"/> carry
/// none. The on rate is raised so the mean rate stays 1 / <paramref name="meanGapMs"/>.
/// </summary>
internal sealed class BurstyArrivals(double meanGapMs, double onMs, double offMs) : IArrivalProcess
{
    private readonly double _onGapMs = meanGapMs * onMs / (onMs + offMs);
    private bool _started;
    private double _onUntil;

    public double NextGapMs(Random random, double nowMs)
    {
        if (!_started)
        {
            _started = true;
            _onUntil = nowMs + PoissonArrivals.Exponential(random, onMs);
        }

        // Memoryless gaps: a gap cut by the end of an on period restarts in the next one.
        var t = nowMs;
        while (true)
        {
            var next = t + PoissonArrivals.Exponential(random, _onGapMs);
            if (next <= _onUntil)
            {
                return next - nowMs;
            }

            t = _onUntil + PoissonArrivals.Exponential(random, offMs);
            _onUntil = t + PoissonArrivals.Exponential(random, onMs);
        }
    }
}
