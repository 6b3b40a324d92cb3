using Edgewise.Readings;

namespace Edgewise.Processing;

/// <summary>
/// Checks readings against the configured alert rules. A device that enters violation raises one
/// alert and, however long it stays there, no more until it leaves, which clears it once. Safe to
/// call from many threads.
/// </summary>
public sealed class AlertEvaluator
{
    private readonly Lock _lock = new();
    private readonly AlertRule[] _rules;
    private readonly Dictionary<string, AlertRule[]> _rulesByKind;

    // The threshold each (rule, device) pair is in violation of; absent when not in violation.
    private readonly Dictionary<(string Rule, string DeviceId), double> _violations = [];

    /// <summary>Creates an evaluator of <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentException">A rule lacks a name, a kind or a threshold, or two share a name.</exception>
    public AlertEvaluator(IEnumerable<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        _rules = [.. rules];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            if (rule is null)
            {
                throw new ArgumentException("The alert rules contain a null entry.", nameof(rules));
            }

            if (Problem(rule) is { } problem)
            {
                var label = string.IsNullOrWhiteSpace(rule.Name)
                    ? $"(unnamed, kind '{rule.Kind}')"
                    : $"'{rule.Name}'";
                throw new ArgumentException($"Alert rule {label} {problem}.", nameof(rules));
            }

            if (!names.Add(rule.Name))
            {
                throw new ArgumentException(
                    $"Alert rule '{rule.Name}' is defined twice.",
                    nameof(rules));
            }
        }

        _rulesByKind = _rules
            .GroupBy(rule => rule.Kind, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => group.ToArray(),
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<AlertRule> Rules => _rules;

    /// <summary>Returns the alerts the reading raises or clears; none for a reading without a value.</summary>
    public IReadOnlyList<Alert> Evaluate(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Value is not { } value || !_rulesByKind.TryGetValue(reading.Kind, out var rules))
        {
            return [];
        }

        List<Alert>? alerts = null;
        lock (_lock)
        {
            foreach (var rule in rules)
            {
                if (rule.DeviceId is not null
                    && !string.Equals(rule.DeviceId, reading.DeviceId, StringComparison.Ordinal))
                {
                    continue;
                }

                var key = (rule.Name, reading.DeviceId);
                var violated = Violated(rule, value);
                var wasViolated = _violations.TryGetValue(key, out var previous);
                if (violated is { } threshold && !wasViolated)
                {
                    _violations[key] = threshold;
                    (alerts ??= []).Add(ToAlert(rule, reading, value, threshold, AlertState.Raised));
                }
                else if (violated is null && wasViolated)
                {
                    _violations.Remove(key);
                    (alerts ??= []).Add(ToAlert(rule, reading, value, previous, AlertState.Cleared));
                }
            }
        }

        // Most readings change no alert: they share the empty list instead of making one each.
        return alerts is null ? Array.Empty<Alert>() : alerts;
    }

    private static double? Violated(AlertRule rule, double value)
    {
        if (rule.Above is { } above && value > above)
        {
            return above;
        }

        if (rule.Below is { } below && value < below)
        {
            return below;
        }

        return null;
    }

    private static Alert ToAlert(
        AlertRule rule,
        Reading reading,
        double value,
        double threshold,
        AlertState state) =>
        new(
            rule.Name,
            reading.DeviceId,
            reading.Kind,
            value,
            threshold,
            state,
            reading.Timestamp,
            reading.Sequence);

    private static string? Problem(AlertRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            return "needs a name";
        }

        if (string.IsNullOrWhiteSpace(rule.Kind))
        {
            return "needs a kind";
        }

        if (rule.Above is null && rule.Below is null)
        {
            return "needs Above, Below or both";
        }

        if (rule.Above is double.NaN || rule.Below is double.NaN)
        {
            return "has a threshold that is not a number";
        }

        // A band inverted this way holds no value, so the rule would fire on every reading.
        return rule.Above < rule.Below
            ? $"has Above ({rule.Above}) lower than Below ({rule.Below}), so every value violates it"
            : null;
    }
}
