namespace Edgewise.Learning.Models;

/// <summary>The traces a model learned from.</summary>
/// <param name="Files">Names of the trace files read.</param>
/// <param name="Rows">Traces read.</param>
/// <param name="TrainRows">Traces trained on.</param>
/// <param name="TestRows">Traces held out for the metrics.</param>
/// <param name="Explored">Traces whose candidate exploration chose at random.</param>
/// <param name="Nodes">Nodes the tasks ran on.</param>
/// <param name="Policies">Traces per placing policy.</param>
/// <param name="From">Earliest placement.</param>
/// <param name="To">Latest placement.</param>
/// <param name="LatencyMeanMs">Mean observed latency.</param>
/// <param name="LatencyP50Ms">Median observed latency.</param>
/// <param name="LatencyP95Ms">95th percentile of observed latency.</param>
public sealed record TrainingDataSummary(
    IReadOnlyList<string> Files,
    int Rows,
    int TrainRows,
    int TestRows,
    int Explored,
    IReadOnlyList<string> Nodes,
    IReadOnlyDictionary<string, int> Policies,
    DateTimeOffset? From,
    DateTimeOffset? To,
    double LatencyMeanMs,
    double LatencyP50Ms,
    double LatencyP95Ms);
