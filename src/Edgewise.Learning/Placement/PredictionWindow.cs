namespace Edgewise.Learning.Placement;

/// <summary>A ring of the last predicted and observed latencies; thread-safe.</summary>
internal sealed class PredictionWindow(int capacity)
{
    private readonly double[] _predicted = new double[Math.Max(1, capacity)];
    private readonly double[] _observed = new double[Math.Max(1, capacity)];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Add(double predictedMs, double observedMs)
    {
        lock (_lock)
        {
            _predicted[_next] = predictedMs;
            _observed[_next] = observedMs;
            _next = (_next + 1) % _predicted.Length;
            _count = Math.Min(_count + 1, _predicted.Length);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _next = 0;
            _count = 0;
        }
    }

    public PredictionAccuracy Snapshot()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return new PredictionAccuracy(0, 0, 0, 0);
            }

            double error = 0, predicted = 0, observed = 0;
            for (var i = 0; i < _count; i++)
            {
                error += Math.Abs(_predicted[i] - _observed[i]);
                predicted += _predicted[i];
                observed += _observed[i];
            }

            return new PredictionAccuracy(
                _count,
                Math.Round(error / _count, 3),
                Math.Round(predicted / _count, 3),
                Math.Round(observed / _count, 3));
        }
    }
}
