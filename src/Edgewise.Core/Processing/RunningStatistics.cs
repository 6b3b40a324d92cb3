namespace Edgewise.Processing;

/// <summary>
/// Count, mean and sum of squared deviations of a stream of values, updated one value at a time
/// (Welford, 1962) and mergeable with another partial result (Chan, Golub and LeVeque, 1979), so
/// a peer can summarise a batch and the home node can fold it into the device's running state.
/// </summary>
/// <param name="Count">Values seen.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="M2">Sum of squared deviations from the mean.</param>
public readonly record struct RunningStatistics(long Count, double Mean, double M2)
{
    /// <summary>Sample variance, or 0 with fewer than two values.</summary>
    public double Variance => Count > 1 ? M2 / (Count - 1) : 0;

    /// <summary>Sample standard deviation, or 0 with fewer than two values.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Returns the statistics with one more value.</summary>
    public RunningStatistics Add(double value)
    {
        var count = Count + 1;
        var delta = value - Mean;
        var mean = Mean + (delta / count);

        return new RunningStatistics(count, mean, M2 + (delta * (value - mean)));
    }

    /// <summary>Returns the statistics of both streams together.</summary>
    public RunningStatistics Merge(RunningStatistics other)
    {
        if (other.Count == 0)
        {
            return this;
        }

        if (Count == 0)
        {
            return other;
        }

        var count = Count + other.Count;
        var delta = other.Mean - Mean;
        var mean = Mean + (delta * other.Count / count);
        var m2 = M2 + other.M2 + (delta * delta * Count * other.Count / count);

        return new RunningStatistics(count, mean, m2);
    }
}
