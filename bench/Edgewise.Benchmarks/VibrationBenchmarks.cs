using BenchmarkDotNet.Attributes;
using Edgewise.Tasks;
using Edgewise.Vibration;
using MathNet.Numerics;

namespace Edgewise.Benchmarks;

/// <summary>
/// Full feature set of one vibration window from a real IMS snapshot (channel 1 of
/// 2003.10.22.12.06.24, fs = 20,480 Hz), by window size.
/// </summary>
/// <remarks>
/// MathNet runs radix-2 transforms of 1,024 samples or more as parallel loops. A node already
/// runs windows on several workers, so the per-window cost that matters for placement is the
/// single-threaded one; <see cref="SingleThreaded"/> measures both.
/// </remarks>
[MemoryDiagnoser]
public class VibrationBenchmarks
{
    private readonly VibrationAnalyzer _analyzer = new();
    private float[] _window = [];

    /// <summary>Samples per window.</summary>
    [Params(1024, 4096, 16384)]
    public int Size { get; set; }

    /// <summary>Whether MathNet is told to stay on the calling thread.</summary>
    [Params(false, true)]
    public bool SingleThreaded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (SingleThreaded)
        {
            Control.UseSingleThread();
        }
        else
        {
            Control.UseMultiThreading();
        }

        var channel = ImsBearingFile.Read(FindSnapshot())[0];
        _window = channel[..Size];
    }

    [Benchmark]
    public VibrationFeatures Analyze() => _analyzer.Analyze(_window, ImsBearingFile.SampleRateHz);

    private static string FindSnapshot()
    {
        const string relative = "data/nasa-ims-bearing/2003.10.22.12.06.24.txt.gz";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
