namespace Edgewise.Lab.Engine;

/// <summary>Tasks waiting on each node, sampled at even instants of virtual time.</summary>
/// <param name="TimesMs">Sample instants, in milliseconds.</param>
/// <param name="Queues">Per node (in node order), the queue length at each instant.</param>
public sealed record QueueSeries(IReadOnlyList<double> TimesMs, IReadOnlyList<IReadOnlyList<double>> Queues);
