using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Edgewise.Learning.Models;
using Edgewise.Learning.Placement;
using Edgewise.Placement;

namespace Edgewise.Benchmarks;

/// <summary>
/// One placement over three candidates (the node itself and two peers), per policy, on one core:
/// the classic policies beside the learned one with the shipped model, evaluated from its ML.NET
/// trees and through its ONNX export in ONNX Runtime (one intra-op thread). 64 different load
/// pictures are cycled so no policy sees the same input twice in a row.
/// </summary>
[Config(typeof(OneCore))]
[MemoryDiagnoser]
public class PlacementBenchmarks : IDisposable
{
    private const int Pictures = 64;

    private readonly PlacementContext _context = new(TimeProvider.System, new Random(1));
    private PlacementCandidate[][] _candidates = [];
    private PlacementTask[] _tasks = [];
    private IPlacementPolicy _policy = null!;
    private int _next;

    [Params(
        "local",
        "round-robin",
        "random",
        "least-loaded",
        "two-choices",
        "shortest-expected-delay",
        "learned (ml.net)",
        "learned (onnx)")]
    public string Policy { get; set; } = "local";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _tasks = [.. Enumerable.Range(0, Pictures).Select(i => i % 3 == 0
            ? new PlacementTask(TaskKind.Vibration, 20_480)
            : new PlacementTask(TaskKind.Scalar, random.Next(1, 64)))];
        _candidates = [.. Enumerable.Range(0, Pictures).Select(_ => Candidates(random))];
        _policy = Policy switch
        {
            "learned (ml.net)" => Learned(ShippedModel("model.zip")),
            "learned (onnx)" => Learned(ShippedModel("model.onnx")),
            var name => PlacementPolicies.Create(name),
        };
    }

    [Benchmark(Description = "one placement, 3 candidates")]
    public int Place()
    {
        var i = _next++ & (Pictures - 1);

        return _policy.Choose(_tasks[i], _candidates[i], _context);
    }

    public void Dispose()
    {
        (_policy as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static LearnedPolicy Learned(string path)
    {
        var policy = new LearnedPolicy();
        policy.Use(LatencyModels.Load(path));

        return policy;
    }

    private static PlacementCandidate[] Candidates(Random random) =>
    [
        new("node-a", true, new LoadView(random.Next(0, 8), random.Next(0, 2), 1, 20 + (random.NextDouble() * 20), TimeSpan.Zero), TimeSpan.Zero),
        Peer("node-b", random),
        Peer("node-c", random),
    ];

    private static PlacementCandidate Peer(string id, Random random) => new(
        id,
        false,
        new LoadView(random.Next(0, 8), random.Next(0, 3), 2, 4 + (random.NextDouble() * 6), TimeSpan.FromMilliseconds(random.Next(0, 400))),
        TimeSpan.FromMilliseconds(0.3 + random.NextDouble()));

    /// <summary>The shipped model, found from the working directory or the program's folder upwards.</summary>
    private static string ShippedModel(string file)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "models", "default", file);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"models/default/{file} not found above {Environment.CurrentDirectory}.");
    }

    /// <summary>One core (affinity to CPU 0), with median, min and max shown.</summary>
    private sealed class OneCore : ManualConfig
    {
        public OneCore()
        {
            AddJob(Job.Default.WithAffinity(1).WithWarmupCount(3).WithIterationCount(15));

            // Building the benchmark's process takes minutes on two cores shared with other builds.
            WithBuildTimeout(TimeSpan.FromMinutes(10));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.Min, BenchmarkDotNet.Columns.StatisticColumn.Max);
        }
    }
}
