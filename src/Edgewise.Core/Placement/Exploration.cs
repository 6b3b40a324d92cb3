namespace Edgewise.Placement;

/// <summary>
/// Places a share of tasks on a candidate drawn uniformly at random instead of asking the policy,
/// so traces also cover choices the policy would not make (DESIGN.md decision 3). The caller
/// marks such a placement as explored in its trace; a node and the simulator use it alike.
/// </summary>
public sealed class Exploration
{
    /// <summary>Creates an exploration setting placing <paramref name="rate"/> of tasks at random.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is outside [0, 1].</exception>
    public Exploration(double rate)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The exploration rate must be in [0, 1].");
        }

        Rate = rate;
    }

    /// <summary>Share of placements made at random, in [0, 1]; 0 (the default of a node) never explores.</summary>
    public double Rate { get; }

    /// <summary>
    /// Decides whether this placement explores; if so, <paramref name="index"/> is a candidate
    /// drawn uniformly from <paramref name="candidateCount"/>. Never explores a single candidate.
    /// </summary>
    public bool TryChoose(int candidateCount, Random random, out int index)
    {
        ArgumentNullException.ThrowIfNull(random);

        index = 0;
        if (Rate <= 0 || candidateCount < 2 || random.NextDouble() >= Rate)
        {
            return false;
        }

        index = random.Next(candidateCount);

        return true;
    }
}
