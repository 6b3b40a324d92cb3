using System.Globalization;
using System.Text;
using Edgewise.Learning.Models;
using Edgewise.Placement;
using Edgewise.Traces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgewise.Learning.Placement;

/// <summary>
/// Places each task on the candidate whose predicted completion latency is smallest, a peer
/// only when it beats the node itself by <see cref="LearnedPolicyOptions.MarginMs"/>. All
/// candidates are predicted in one call. Without a usable model, when the model fails, or when a
/// peer's view is older than <see cref="LearnedPolicyOptions.MaxInputAge"/>, the placement is
/// made by shortest-expected-delay instead; each switch between the two is logged and every
/// placement is counted by how it was made. A new model replaces the old between two
/// placements; a placement in progress finishes on the model it started with.
/// </summary>
public sealed partial class LearnedPolicy : IPlacementPolicy, IDisposable
{
    private const int StackCandidates = 16;
    private const int ModeLearned = -1;

    private readonly LearnedPolicyOptions _options;
    private readonly ILogger _logger;
    private readonly ShortestExpectedDelayPolicy _fallback = new();
    private readonly PredictionWindow _window;
    private readonly Lock _swapLock = new();
    private LoadedModel? _model;
    private LoadedModel? _retired;
    private string? _lastLoadError;
    private long _learned;
    private long _noModel;
    private long _modelFailed;
    private long _staleInputs;
    private int _mode = (int)FallbackReason.NoModel;

    /// <summary>Creates the policy without a model; it places by the heuristic until <see cref="Use"/>.</summary>
    public LearnedPolicy(LearnedPolicyOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new LearnedPolicyOptions();
        _logger = logger ?? NullLogger.Instance;
        _window = new PredictionWindow(_options.PredictionWindow);
    }

    /// <inheritdoc />
    public string Name => "learned";

    /// <summary>The model in use, or null while the policy falls back for want of one.</summary>
    public LoadedModel? Model => Volatile.Read(ref _model);

    /// <summary>Why the last model file was refused, or null.</summary>
    public string? LastLoadError => Volatile.Read(ref _lastLoadError);

    /// <summary>Placements so far, by how they were made.</summary>
    public LearnedDecisions Decisions => new(
        Interlocked.Read(ref _learned),
        Interlocked.Read(ref _noModel),
        Interlocked.Read(ref _modelFailed),
        Interlocked.Read(ref _staleInputs));

    /// <summary>Predicted against observed latency of the last finished tasks.</summary>
    public PredictionAccuracy Accuracy => _window.Snapshot();

    /// <summary>Starts placing with <paramref name="model"/>; the model it replaces is released at the next swap.</summary>
    public void Use(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        lock (_swapLock)
        {
            var previous = Interlocked.Exchange(ref _model, model);

            // The model before the previous one has had a whole reload interval to finish the
            // placements that were using it; the previous one may still be mid-call.
            _retired?.Model.Dispose();
            _retired = previous;
            Volatile.Write(ref _lastLoadError, null);
            _window.Clear();
        }

        Log.ModelInUse(_logger, model.Path, model.Model.Format, model.Card?.Trainer ?? "unknown");
    }

    /// <summary>Records that a model file was refused; the policy keeps the model it has, if any.</summary>
    public void Refused(string error)
    {
        ArgumentNullException.ThrowIfNull(error);

        Volatile.Write(ref _lastLoadError, error);
        Log.ModelRefused(_logger, error, Model is null ? "shortest-expected-delay" : "the previous model");
    }

    /// <inheritdoc />
    public int Choose(PlacementTask task, IReadOnlyList<PlacementCandidate> candidates, PlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(candidates);

        var model = Volatile.Read(ref _model);
        if (model is null)
        {
            return Fallback(FallbackReason.NoModel, ref _noModel, task, candidates, context);
        }

        var count = candidates.Count;
        var features = count <= StackCandidates
            ? stackalloc float[StackCandidates * PlacementFeatures.Count]
            : new float[count * PlacementFeatures.Count];
        var predicted = count <= StackCandidates ? stackalloc float[StackCandidates] : new float[count];
        features = features[..(count * PlacementFeatures.Count)];
        predicted = predicted[..count];

        var self = 0;
        for (var i = 0; i < count; i++)
        {
            var candidate = candidates[i];
            if (candidate.IsSelf)
            {
                self = i;
            }
            else if (candidate.Load.Age > _options.MaxInputAge)
            {
                return Fallback(FallbackReason.StaleInputs, ref _staleInputs, task, candidates, context);
            }

            PlacementFeatures.From(task, candidate).CopyTo(features.Slice(i * PlacementFeatures.Count, PlacementFeatures.Count));
        }

        try
        {
            model.Model.Predict(features, predicted);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.PredictionFailed(_logger, model.Path, exception);

            return Fallback(FallbackReason.ModelFailed, ref _modelFailed, task, candidates, context);
        }

        var peer = -1;
        for (var i = 0; i < count; i++)
        {
            if (!float.IsFinite(predicted[i]))
            {
                return Fallback(FallbackReason.ModelFailed, ref _modelFailed, task, candidates, context);
            }

            if (i != self && (peer < 0 || predicted[i] < predicted[peer]))
            {
                peer = i;
            }
        }

        // The fastest peer wins only by the margin; ties and near-ties stay on the node itself.
        var best = peer >= 0 && predicted[peer] + _options.MarginMs < predicted[self] ? peer : self;

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var predictions = Describe(candidates, predicted);
            Log.Predicted(_logger, task.Kind, task.Size, predictions, candidates[best].NodeId);
        }

        Interlocked.Increment(ref _learned);
        SwitchTo(ModeLearned);

        return best;
    }

    /// <summary>
    /// Compares the model's prediction for a finished task's features with its observed latency,
    /// for <see cref="Accuracy"/>. Does nothing without a model.
    /// </summary>
    public void Observe(PlacementFeatures features, double observedMs)
    {
        var model = Volatile.Read(ref _model);
        if (model is null || !double.IsFinite(observedMs))
        {
            return;
        }

        Span<float> input = stackalloc float[PlacementFeatures.Count];
        Span<float> output = stackalloc float[1];
        features.CopyTo(input);
        try
        {
            model.Model.Predict(input, output);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.PredictionFailed(_logger, model.Path, exception);

            return;
        }

        if (float.IsFinite(output[0]))
        {
            _window.Add(output[0], observedMs);
        }
    }

    /// <summary>Releases the models held.</summary>
    public void Dispose()
    {
        lock (_swapLock)
        {
            _retired?.Model.Dispose();
            _retired = null;
            Interlocked.Exchange(ref _model, null)?.Model.Dispose();
        }
    }

    private int Fallback(
        FallbackReason reason,
        ref long counter,
        PlacementTask task,
        IReadOnlyList<PlacementCandidate> candidates,
        PlacementContext context)
    {
        Interlocked.Increment(ref counter);
        SwitchTo((int)reason);

        return _fallback.Choose(task, candidates, context);
    }

    private void SwitchTo(int mode)
    {
        var previous = Interlocked.Exchange(ref _mode, mode);
        if (previous == mode)
        {
            return;
        }

        if (mode == ModeLearned)
        {
            Log.OnModel(_logger);
        }
        else
        {
            Log.FallingBack(_logger, (FallbackReason)mode);
        }
    }

    private static string Describe(IReadOnlyList<PlacementCandidate> candidates, ReadOnlySpan<float> predicted)
    {
        var text = new StringBuilder();
        for (var i = 0; i < candidates.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ")
                .Append(candidates[i].NodeId)
                .Append(' ')
                .Append(predicted[i].ToString("0.###", CultureInfo.InvariantCulture))
                .Append(" ms");
        }

        return text.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, EventName = "ModelInUse", Level = LogLevel.Information,
            Message = "Learned placement uses model {Path} ({Format}, trainer {Trainer})")]
        public static partial void ModelInUse(ILogger logger, string path, string format, string trainer);

        [LoggerMessage(EventId = 4101, EventName = "ModelRefused", Level = LogLevel.Error,
            Message = "Model refused: {Error}; placing with {Placer}")]
        public static partial void ModelRefused(ILogger logger, string error, string placer);

        [LoggerMessage(EventId = 4102, EventName = "PredictionFailed", Level = LogLevel.Warning,
            Message = "Model {Path} failed to predict; this placement falls back to shortest-expected-delay")]
        public static partial void PredictionFailed(ILogger logger, string path, Exception exception);

        [LoggerMessage(EventId = 4103, EventName = "PlacementFallingBack", Level = LogLevel.Warning,
            Message = "Learned placement falls back to shortest-expected-delay: {Reason}")]
        public static partial void FallingBack(ILogger logger, FallbackReason reason);

        [LoggerMessage(EventId = 4104, EventName = "PlacementOnModel", Level = LogLevel.Information,
            Message = "Learned placement now places with the model")]
        public static partial void OnModel(ILogger logger);

        [LoggerMessage(EventId = 4105, EventName = "PlacementPredicted", Level = LogLevel.Debug,
            Message = "{Kind} task of size {Size}: predicted {Predictions}; chose {NodeId}")]
        public static partial void Predicted(ILogger logger, TaskKind kind, int size, string predictions, string nodeId);
    }
}
