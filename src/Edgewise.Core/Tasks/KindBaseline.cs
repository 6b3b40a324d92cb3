using Edgewise.Processing;

namespace Edgewise.Tasks;

/// <summary>The home node's running statistics of one kind of one device, shipped with a task.</summary>
public sealed record KindBaseline(string Kind, RunningStatistics Statistics);
