using Edgewise.Lab.Arrivals;
using Edgewise.Lab.Calibration;
using Edgewise.Lab.Scenarios;
using Edgewise.Placement;

namespace Edgewise.Lab.Engine;

/// <summary>
/// A scenario's workload made concrete: node capacities, device homes, the arrival process and
/// the cost of each kind of task. Built once per run from the seed, so runs of different policies
/// draw the same arrivals.
/// </summary>
internal sealed class Workload
{
    private readonly double _scalarMeanMs;
    private readonly double _scalarSigma;
    private readonly double _vibrationMeanMs;
    private readonly double _vibrationSigma;
    private readonly bool _exponential;
    private readonly bool _deterministic;

    public Workload(Scenario scenario, string? scenarioDirectory)
    {
        Scenario = scenario;
        Nodes = [.. scenario.Nodes.SelectMany(node => ScenarioFile.ExpandIds(node).Select(id => (id, node)))
            .Select(pair => new NodeShape(
                pair.id,
                pair.node.Workers,
                pair.node.Speed,
                pair.node.LatencyMs ?? scenario.Links.LatencyMs,
                (pair.node.BandwidthMbps ?? scenario.Links.BandwidthMbps) * 1000 / 8))];

        var workload = scenario.Workload;
        _exponential = workload.Costs == "exponential";
        _deterministic = workload.Costs == "deterministic";
        if (workload.Costs == "calibrated")
        {
            var calibration = CostCalibration.Load(Locate(workload.Calibration, scenarioDirectory, "workload.calibration"));
            (_scalarMeanMs, var scalarCv) = CostCalibration.At(calibration.Scalar, workload.ScalarBatchReadings);
            (_vibrationMeanMs, var vibrationCv) = CostCalibration.At(calibration.Vibration, workload.VibrationWindowSamples);
            _scalarMeanMs *= workload.CostScale;
            _vibrationMeanMs *= workload.CostScale;
            _scalarSigma = Math.Sqrt(Math.Log(1 + (scalarCv * scalarCv)));
            _vibrationSigma = Math.Sqrt(Math.Log(1 + (vibrationCv * vibrationCv)));
            ScalarBytes = calibration.BytesPerScalarReading * workload.ScalarBatchReadings;
            VibrationBytes = calibration.BytesPerVibrationSample * workload.VibrationWindowSamples;
            ReplyBytes = calibration.ReplyBytes;
        }
        else
        {
            _scalarMeanMs = _vibrationMeanMs = workload.MeanCostMs;
            ScalarBytes = 120.0 * workload.ScalarBatchReadings;
            VibrationBytes = 10.0 * workload.VibrationWindowSamples;
            ReplyBytes = 400;
        }

        MeanCostMs = (workload.VibrationShare * _vibrationMeanMs) + ((1 - workload.VibrationShare) * _scalarMeanMs);
        var capacityPerMs = Nodes.Sum(node => node.Workers * node.Speed) / MeanCostMs;
        MeanGapMs = scenario.Arrivals.RatePerSecond is { } rate ? 1000 / rate : 1 / (scenario.Arrivals.Utilisation * capacityPerMs);
        OfferedUtilisation = 1 / (MeanGapMs * capacityPerMs);

        var arrivals = scenario.Arrivals;
        Arrivals = arrivals.Process switch
        {
            "bursty" => new BurstyArrivals(MeanGapMs, arrivals.OnMs, arrivals.OffMs),
            "diurnal" => new DiurnalArrivals(MeanGapMs, arrivals.PeriodMs, arrivals.Amplitude),
            "replay" => new ReplayArrivals(
                ReplayArrivals.ReadGaps(Locate(arrivals.File, scenarioDirectory, "arrivals.file")),
                MeanGapMs,
                arrivals.MaxGapSeconds * 1000),
            _ => new PoissonArrivals(MeanGapMs),
        };

        DeviceHomes = AttachDevices(scenario, Nodes, new Random(unchecked((scenario.Seed * 7919) + 1)));
    }

    public Scenario Scenario { get; }

    public IReadOnlyList<NodeShape> Nodes { get; }

    public IArrivalProcess Arrivals { get; }

    /// <summary>Home node index of each device.</summary>
    public int[] DeviceHomes { get; }

    /// <summary>Mean gap between arrivals, in milliseconds.</summary>
    public double MeanGapMs { get; }

    /// <summary>Mean task cost at speed 1, in milliseconds.</summary>
    public double MeanCostMs { get; }

    /// <summary>Mean offered load over the cluster's capacity.</summary>
    public double OfferedUtilisation { get; }

    public double ScalarBytes { get; }

    public double VibrationBytes { get; }

    public double ReplyBytes { get; }

    /// <summary>
    /// Draws a task's kind and cost at speed 1. Always consumes three draws, whatever the kind, so
    /// the stream of later arrivals does not depend on earlier kinds.
    /// </summary>
    public (TaskKind Kind, int Size, double CostMs) DrawTask(Random random)
    {
        var vibration = random.NextDouble() < Scenario.Workload.VibrationShare;
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var kind = vibration ? TaskKind.Vibration : TaskKind.Scalar;
        var size = vibration ? Scenario.Workload.VibrationWindowSamples : Scenario.Workload.ScalarBatchReadings;
        var mean = vibration ? _vibrationMeanMs : _scalarMeanMs;
        if (_deterministic)
        {
            return (kind, size, mean);
        }

        if (_exponential)
        {
            return (kind, size, -Math.Log(u1) * mean);
        }

        // Log-normal with the measured mean and spread: exp(μ + σZ), μ = ln(mean) − σ²/2.
        var sigma = vibration ? _vibrationSigma : _scalarSigma;
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);

        return (kind, size, mean * Math.Exp((sigma * z) - (sigma * sigma / 2)));
    }

    /// <summary>Finds a file named in a scenario: as given, then beside the scenario, in the working directory, beside the program.</summary>
    public static string Locate(string path, string? scenarioDirectory, string field)
    {
        if (Path.IsPathRooted(path))
        {
            return File.Exists(path) ? path : throw new ScenarioException($"{field}: file '{path}' does not exist.");
        }

        string?[] roots = [scenarioDirectory, scenarioDirectory is null ? null : Path.GetDirectoryName(scenarioDirectory), Directory.GetCurrentDirectory(), AppContext.BaseDirectory];
        foreach (var root in roots)
        {
            if (root is not null && File.Exists(Path.Combine(root, path)))
            {
                return Path.Combine(root, path);
            }
        }

        throw new ScenarioException($"{field}: file '{path}' was not found beside the scenario, in the working directory or beside the program.");
    }

    private static int[] AttachDevices(Scenario scenario, IReadOnlyList<NodeShape> nodes, Random random)
    {
        var devices = scenario.Devices;
        var weights = new double[nodes.Count];
        switch (devices.Homes)
        {
            case "zipf":
                for (var k = 0; k < weights.Length; k++)
                {
                    weights[k] = 1 / Math.Pow(k + 1, devices.ZipfExponent);
                }

                break;
            case "hot-spot":
                var hot = devices.HotNode is { } id ? nodes.ToList().FindIndex(node => node.Id == id) : 0;
                for (var k = 0; k < weights.Length; k++)
                {
                    weights[k] = nodes.Count == 1 ? 1 : k == hot ? devices.HotShare : (1 - devices.HotShare) / (nodes.Count - 1);
                }

                break;
            default:
                Array.Fill(weights, 1.0);
                break;
        }

        // Deal the devices out in proportion to the weights (largest remainder), then shuffle which
        // device gets which home, so device counts per node are exact rather than drawn.
        var total = weights.Sum();
        var counts = weights.Select(weight => (int)Math.Floor(devices.Count * weight / total)).ToArray();
        var order = Enumerable.Range(0, weights.Length)
            .OrderByDescending(k => (devices.Count * weights[k] / total) - counts[k])
            .ToArray();
        for (var i = 0; counts.Sum() < devices.Count; i++)
        {
            counts[order[i % order.Length]]++;
        }

        var homes = new int[devices.Count];
        var next = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            for (var c = 0; c < counts[k]; c++)
            {
                homes[next++] = k;
            }
        }

        random.Shuffle(homes);

        return homes;
    }
}
