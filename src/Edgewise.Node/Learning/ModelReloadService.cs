using Edgewise.Learning.Placement;
using Edgewise.Node.Hosting;
using Edgewise.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Learning;

/// <summary>
/// Under the learned policy, loads the model before the node places its first task and checks
/// the file for a change every <see cref="NodeOptions.ModelReloadInterval"/>; does nothing under
/// another policy.
/// </summary>
internal sealed class ModelReloadService(
    IPlacementPolicy policy,
    IOptions<NodeOptions> options,
    TimeProvider time) : BackgroundService
{
    private ModelFile? _file;

    /// <summary>The watched model file, or null under another policy.</summary>
    public string? ModelPath => _file?.Path;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (policy is LearnedPolicy learned)
        {
            _file = new ModelFile(options.Value.EffectiveModelPath, learned);
            _file.Refresh();
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_file is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ModelReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _file.Refresh();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
