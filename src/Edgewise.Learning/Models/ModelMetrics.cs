namespace Edgewise.Learning.Models;

/// <summary>
/// A model's quality on held-out traces. Decision quality needs the latency of more than one
/// candidate for the same moment, which a single trace lacks; so the held-out traces are grouped
/// into decisions (same home node and task kind, placed within the same 100 ms) and only groups
/// that reached at least two different candidates count. In each group the fastest candidate is
/// the one whose task came back soonest.
/// </summary>
/// <param name="MaeMs">Mean absolute error of predicted latency.</param>
/// <param name="RmseMs">Root mean squared error of predicted latency.</param>
/// <param name="RSquared">Coefficient of determination.</param>
/// <param name="Decisions">Decision groups evaluated.</param>
/// <param name="DecisionAccuracy">Share of groups where the smallest prediction named the fastest candidate.</param>
/// <param name="MeanRegretMs">Mean latency lost against the fastest candidate when following the model.</param>
/// <param name="HeuristicDecisionAccuracy">The same share for shortest-expected-delay, for comparison.</param>
/// <param name="HeuristicMeanRegretMs">The same regret for shortest-expected-delay.</param>
public sealed record ModelMetrics(
    double MaeMs,
    double RmseMs,
    double RSquared,
    int Decisions,
    double DecisionAccuracy,
    double MeanRegretMs,
    double HeuristicDecisionAccuracy,
    double HeuristicMeanRegretMs);
