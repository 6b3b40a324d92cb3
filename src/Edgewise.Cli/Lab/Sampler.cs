using Edgewise.Lab.Engine;

namespace Edgewise.Cli.Lab;

/// <summary>Polls live nodes' stats at an interval: queue length and busy workers over time.</summary>
internal sealed class Sampler(IReadOnlyList<ILiveNode> nodes)
{
    private readonly List<double> _times = [];
    private readonly List<double>[] _queues = [.. nodes.Select(_ => new List<double>())];
    private readonly List<double>[] _busy = [.. nodes.Select(_ => new List<double>())];

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var stats = await Task.WhenAll(nodes.Select(node => node.StatsAsync(cancellationToken)));
                _times.Add(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
                for (var i = 0; i < stats.Length; i++)
                {
                    _queues[i].Add(stats[i]?.QueueLength ?? 0);
                    _busy[i].Add(stats[i] is { } s ? s.InFlight / (double)Math.Max(1, s.Workers) : 0);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Sampling ends with the run.
        }
    }

    /// <summary>Share of samples' workers busy: an estimate of utilisation, sampled, not integrated.</summary>
    public double Utilisation(int node) => _busy[node].Count == 0 ? 0 : _busy[node].Average();

    public double MeanQueue(int node) => _queues[node].Count == 0 ? 0 : _queues[node].Average();

    public int MaxQueue(int node) => _queues[node].Count == 0 ? 0 : (int)_queues[node].Max();

    public QueueSeries Series() => new([.. _times], [.. _queues.Select(queue => (IReadOnlyList<double>)[.. queue])]);
}
