namespace Edgewise.Lab.Engine;

/// <summary>One node's share of a run.</summary>
/// <param name="Id">Node id.</param>
/// <param name="Workers">Worker count.</param>
/// <param name="Speed">Speed in (0, 1].</param>
/// <param name="Utilisation">Busy worker time over worker time while up, in [0, 1].</param>
/// <param name="Ran">Tasks it computed (its own and its peers').</param>
/// <param name="MeanQueue">Time-averaged tasks waiting for a worker.</param>
/// <param name="MaxQueue">Most tasks waiting at once.</param>
public sealed record NodeResult(string Id, int Workers, double Speed, double Utilisation, long Ran, double MeanQueue, int MaxQueue);
