using System.Collections.Concurrent;
using Edgewise.Processing;
using Edgewise.Readings;
using Edgewise.Vibration;

namespace Edgewise.Node.Execution;

/// <summary>
/// Alerts on vibration anomaly scores, per device and channel: raised once when a window's score
/// reaches the threshold, cleared once when a later window falls below it, like the threshold
/// rules for scalar readings.
/// </summary>
internal sealed class VibrationAlerts(VibrationOptions options)
{
    /// <summary>The rule name vibration alerts are stored under.</summary>
    public const string Rule = "vibration-anomaly";

    private readonly ConcurrentDictionary<(string DeviceId, string Channel), bool> _raised = new();

    public IReadOnlyList<Alert> Evaluate(Reading window, VibrationScore score)
    {
        if (score.Learning)
        {
            return [];
        }

        var key = (window.DeviceId, window.Channel ?? string.Empty);
        var wasRaised = _raised.GetValueOrDefault(key);
        if (wasRaised == score.Anomaly)
        {
            return [];
        }

        _raised[key] = score.Anomaly;

        return
        [
            new Alert(
                Rule,
                window.DeviceId,
                window.Kind,
                score.Score,
                options.AnomalyThreshold,
                score.Anomaly ? AlertState.Raised : AlertState.Cleared,
                window.Timestamp,
                window.Sequence),
        ];
    }
}
