using Edgewise.Traces;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Edgewise.Learning.Models;

/// <summary>
/// A latency model in ONNX, run by ONNX Runtime on one intra-op thread. The contract, so that a
/// model trained elsewhere (scikit-learn through skl2onnx, LightGBM through onnxmltools, PyTorch
/// through torch.onnx) can replace Edgewise's own: exactly one input, a float32 tensor of shape
/// [N, <see cref="PlacementFeatures.Count"/>] (N may be dynamic) holding the features in
/// <see cref="PlacementFeatures.Names"/> order; the output named <c>Score.output</c> when there
/// is one (ML.NET's export), otherwise the first output, a float32 tensor of N predicted
/// latencies in milliseconds, shaped [N] or [N, 1].
/// </summary>
public sealed class OnnxLatencyModel : ILatencyModel
{
    /// <summary>The output ML.NET's ONNX export gives the regression score.</summary>
    public const string MlNetScoreOutput = "Score.output";

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly bool _fixedBatch;

    /// <summary>Loads <paramref name="path"/> and checks it against the contract.</summary>
    /// <exception cref="ModelLoadException">The file is not ONNX or does not meet the contract.</exception>
    public OnnxLatencyModel(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        try
        {
            _session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new ModelLoadException($"{path}: not a loadable ONNX model, it may be corrupt or truncated ({exception.Message}).", exception);
        }

        try
        {
            (_inputNames, _outputNames, _fixedBatch) = CheckContract(path, _session);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Format => "onnx";

    /// <inheritdoc />
    public void Predict(ReadOnlySpan<float> features, Span<float> latenciesMs)
    {
        var rows = latenciesMs.Length;
        var values = features[..(rows * PlacementFeatures.Count)].ToArray();
        if (_fixedBatch)
        {
            // A model exported with a fixed batch of one is called once per row.
            for (var r = 0; r < rows; r++)
            {
                latenciesMs[r] = Run(values.AsMemory(r * PlacementFeatures.Count, PlacementFeatures.Count), 1)[0];
            }

            return;
        }

        Run(values, rows).CopyTo(latenciesMs);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private float[] Run(Memory<float> values, int rows)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance,
            values,
            [rows, PlacementFeatures.Count]);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [input], _outputNames);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        if (scores.Length < rows)
        {
            throw new InvalidOperationException($"The model returned {scores.Length} values for {rows} rows.");
        }

        return scores[..rows].ToArray();
    }

    private static (string[] Inputs, string[] Outputs, bool FixedBatch) CheckContract(string path, InferenceSession session)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new ModelLoadException(
                $"{path}: has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); "
                    + $"the contract is one float32 input of shape [N, {PlacementFeatures.Count}].");
        }

        var (inputName, input) = session.InputMetadata.First();
        var dimensions = input.Dimensions;
        if (input.ElementDataType != TensorElementType.Float
            || dimensions.Length != 2
            || dimensions[1] != PlacementFeatures.Count)
        {
            throw new ModelLoadException(
                $"{path}: input {inputName} is {input.ElementDataType} [{string.Join(", ", dimensions)}]; "
                    + $"the contract is float32 [N, {PlacementFeatures.Count}] with features "
                    + $"{string.Join(", ", PlacementFeatures.Names)}.");
        }

        var outputName = session.OutputMetadata.ContainsKey(MlNetScoreOutput)
            ? MlNetScoreOutput
            : session.OutputMetadata.Keys.First();
        if (session.OutputMetadata[outputName].ElementDataType != TensorElementType.Float)
        {
            throw new ModelLoadException(
                $"{path}: output {outputName} is {session.OutputMetadata[outputName].ElementDataType}; "
                    + "the contract is float32 latencies in milliseconds.");
        }

        return ([inputName], [outputName], dimensions[0] == 1);
    }
}
