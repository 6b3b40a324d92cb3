namespace Edgewise.Learning.Training;

/// <summary>Settings of <see cref="LatencyTrainer"/>; the defaults made the shipped model.</summary>
public sealed class TrainingOptions
{
    /// <summary>The trainers <see cref="Trainer"/> accepts.</summary>
    public static IReadOnlyList<string> Trainers { get; } = ["fasttree", "lightgbm"];

    /// <summary>ML.NET trainer: "fasttree" (default) or "lightgbm".</summary>
    public string Trainer { get; set; } = "fasttree";

    /// <summary>Seed of the split and of the trainer; the same seed and traces give the same model. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Share of decision groups held out for the metrics, in (0, 0.9]. Default 0.2.</summary>
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Trees (boosting iterations). Default 100.</summary>
    public int Trees { get; set; } = 100;

    /// <summary>Leaves per tree. Default 16.</summary>
    public int Leaves { get; set; } = 16;

    /// <summary>Fewest traces a leaf may hold. Default 10.</summary>
    public int MinTracesPerLeaf { get; set; } = 10;

    /// <summary>Boosting learning rate. Default 0.2.</summary>
    public double LearningRate { get; set; } = 0.2;

    /// <summary>Placements of one home node and task kind this close together form one decision group. Default 100 ms.</summary>
    public TimeSpan DecisionWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!Trainers.Contains(Trainer, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Trainer '{Trainer}' is unknown; use {string.Join(" or ", Trainers)}.");
        }

        if (!(TestFraction > 0 && TestFraction <= 0.9))
        {
            throw new ArgumentException($"Test fraction {TestFraction} must be in (0, 0.9].");
        }

        if (Trees < 1 || Leaves < 2 || MinTracesPerLeaf < 1 || !(LearningRate > 0))
        {
            throw new ArgumentException("Trees ≥ 1, leaves ≥ 2, traces per leaf ≥ 1 and a positive learning rate are needed.");
        }

        if (DecisionWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Decision window {DecisionWindow} must be positive.");
        }
    }
}
