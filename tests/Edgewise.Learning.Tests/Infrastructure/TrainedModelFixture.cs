using Edgewise.Learning.Training;
using Edgewise.Traces;

namespace Edgewise.Learning.Tests.Infrastructure;

/// <summary>One model trained on synthetic traces, shared by the tests that need one, saved with its ONNX export.</summary>
public sealed class TrainedModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TrainedModelFixture()
    {
        Traces = SyntheticTraces.Generate(1500, seed: 7);
        Options = new TrainingOptions { Seed = 11 };
        Result = LatencyTrainer.Train(Traces, ["synthetic"], Options);
        ModelPath = LatencyTrainer.Save(Result, _directory.Path, onnx: true);
        OnnxPath = System.IO.Path.Combine(_directory.Path, LatencyTrainer.OnnxFileName);
    }

    internal List<TaskTrace> Traces { get; }

    internal TrainingOptions Options { get; }

    internal TrainingResult Result { get; }

    internal string ModelPath { get; }

    internal string OnnxPath { get; }

    internal string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}
