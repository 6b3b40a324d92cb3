using Edgewise.Learning.Models;
using Edgewise.Learning.Placement;
using Edgewise.Learning.Tests.Infrastructure;
using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Learning.Tests.Placement;

public sealed class LearnedPolicyTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    private static readonly PlacementContext Context = new(TimeProvider.System, new Random(1));
    private static readonly PlacementTask Task = new(TaskKind.Vibration, 2048);

    [Fact]
    public void Without_a_model_it_places_like_shortest_expected_delay_and_counts_the_fallback()
    {
        using var policy = new LearnedPolicy();
        var candidates = Candidates(selfQueue: 20, peerAge: TimeSpan.Zero);

        var chosen = policy.Choose(Task, candidates, Context);

        Assert.Equal(new ShortestExpectedDelayPolicy().Choose(Task, candidates, Context), chosen);
        Assert.Equal(new LearnedDecisions(0, 1, 0, 0), policy.Decisions);
    }

    [Fact]
    public void A_stale_peer_view_makes_the_placement_fall_back()
    {
        using var policy = Loaded(new LearnedPolicyOptions { MaxInputAge = TimeSpan.FromSeconds(1) });

        policy.Choose(Task, Candidates(selfQueue: 0, peerAge: TimeSpan.FromSeconds(3)), Context);

        Assert.Equal(new LearnedDecisions(0, 0, 0, 1), policy.Decisions);
    }

    [Fact]
    public void A_failing_model_makes_the_placement_fall_back()
    {
        using var policy = new LearnedPolicy();
        policy.Use(new LoadedModel(new FailingModel(), "failing", null));

        var candidates = Candidates(selfQueue: 0, peerAge: TimeSpan.Zero);

        var chosen = policy.Choose(Task, candidates, Context);

        Assert.Equal(new ShortestExpectedDelayPolicy().Choose(Task, candidates, Context), chosen);
        Assert.Equal(new LearnedDecisions(0, 0, 1, 0), policy.Decisions);
    }

    [Fact]
    public void A_peer_must_beat_the_node_itself_by_the_margin()
    {
        // Self predicted 10 ms, peers 9.5 and 9.9 ms.
        var model = new FixedModel([10f, 9.9f, 9.5f]);
        using var narrow = new LearnedPolicy(new LearnedPolicyOptions { MarginMs = 0.25 });
        using var wide = new LearnedPolicy(new LearnedPolicyOptions { MarginMs = 1 });
        narrow.Use(new LoadedModel(model, "fixed", null));
        wide.Use(new LoadedModel(model, "fixed", null));
        var candidates = Candidates(selfQueue: 0, peerAge: TimeSpan.Zero);

        Assert.Equal(2, narrow.Choose(Task, candidates, Context));
        Assert.Equal(0, wide.Choose(Task, candidates, Context));
    }

    [Fact]
    public void A_model_file_with_the_wrong_features_is_refused_and_placement_continues_on_the_fallback()
    {
        using var directory = new TempDirectory();
        var path = directory.File("model.zip");
        File.Copy(trained.ModelPath, path);
        (trained.Result.Card with { Features = ["queueLength"] }).Write(ModelCard.PathFor(path));
        using var policy = new LearnedPolicy();
        var file = new ModelFile(path, policy);

        Assert.False(file.Refresh());
        policy.Choose(Task, Candidates(selfQueue: 0, peerAge: TimeSpan.Zero), Context);

        Assert.Null(policy.Model);
        Assert.Contains("trained on features [queueLength]", policy.LastLoadError, StringComparison.Ordinal);
        Assert.Equal(1, policy.Decisions.FallbackNoModel);
    }

    [Fact]
    public async Task Reloading_the_model_file_under_load_drops_no_placement()
    {
        using var directory = new TempDirectory();
        var path = directory.File("model.zip");
        File.Copy(trained.ModelPath, path);
        File.Copy(ModelCard.PathFor(trained.ModelPath), ModelCard.PathFor(path));
        using var policy = new LearnedPolicy();
        var file = new ModelFile(path, policy);
        Assert.True(file.Refresh());

        using var stop = new CancellationTokenSource();
        var placements = 0L;
        var invalid = 0L;

        void Place(int seed)
        {
            var random = new Random(seed);
            var context = new PlacementContext(TimeProvider.System, new Random(seed));
            while (!stop.IsCancellationRequested)
            {
                var candidates = SyntheticTraces.AsCandidates(SyntheticTraces.Candidates(random));
                var chosen = policy.Choose(Task, candidates, context);
                Interlocked.Increment(ref placements);
                if (chosen < 0 || chosen >= candidates.Length)
                {
                    Interlocked.Increment(ref invalid);
                }
            }
        }

        // Threads of their own, so four busy loops do not starve the thread pool the test waits on.
        var workers = Enumerable.Range(0, 4).Select(w => System.Threading.Tasks.Task.Factory.StartNew(
            () => Place(w),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        var reloads = 0;
        for (var i = 0; i < 5; i++)
        {
            // Each reload happens while placements are going on: the workers have made some
            // since the last one (on a busy machine the thread pool can start them late).
            await PlacementsPassAsync(() => Interlocked.Read(ref placements));

            // A new file renamed over the old one, as the docs advise.
            var next = directory.File($"next-{i}.zip");
            File.Copy(trained.ModelPath, next);
            File.SetLastWriteTimeUtc(next, DateTime.UtcNow.AddSeconds(i + 1));
            File.Move(next, path, overwrite: true);
            reloads += file.Refresh() ? 1 : 0;
        }

        await PlacementsPassAsync(() => Interlocked.Read(ref placements));

        await stop.CancelAsync();
        await System.Threading.Tasks.Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(5, reloads);
        Assert.Equal(0, invalid);
        Assert.True(placements > 0);
        var decisions = policy.Decisions;
        Assert.Equal(placements, decisions.Learned + decisions.Fallback);
        Assert.Equal(0, decisions.Fallback);
    }

    [Fact]
    public void Observed_latencies_are_compared_with_predictions()
    {
        using var policy = new LearnedPolicy();
        policy.Use(new LoadedModel(new FixedModel([10f]), "fixed", null));
        var features = PlacementFeatures.From(Task, Candidates(0, TimeSpan.Zero)[0]);

        policy.Observe(features, 12);
        policy.Observe(features, 7);

        Assert.Equal(new PredictionAccuracy(2, 2.5, 10, 9.5), policy.Accuracy);
    }

    private LearnedPolicy Loaded(LearnedPolicyOptions options)
    {
        var policy = new LearnedPolicy(options);
        policy.Use(LatencyModels.Load(trained.ModelPath));

        return policy;
    }

    private static PlacementCandidate[] Candidates(int selfQueue, TimeSpan peerAge) =>
    [
        new("self", true, new LoadView(selfQueue, 1, 1, 10, TimeSpan.Zero), TimeSpan.Zero),
        new("peer-1", false, new LoadView(0, 0, 2, 10, peerAge), TimeSpan.FromMilliseconds(1)),
        new("peer-2", false, new LoadView(0, 0, 2, 10, peerAge), TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>Waits (up to 30 s) until the count read by <paramref name="placements"/> has grown.</summary>
    private static async System.Threading.Tasks.Task PlacementsPassAsync(Func<long> placements)
    {
        var start = placements();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (placements() <= start)
        {
            await System.Threading.Tasks.Task.Delay(TimeSpan.FromMilliseconds(1), deadline.Token);
        }
    }

    private sealed class FailingModel : ILatencyModel
    {
        public string Format => "test";

        public void Predict(ReadOnlySpan<float> features, Span<float> latenciesMs) =>
            throw new InvalidOperationException("broken on purpose");

        public void Dispose()
        {
        }
    }

    private sealed class FixedModel(float[] values) : ILatencyModel
    {
        public string Format => "test";

        public void Predict(ReadOnlySpan<float> features, Span<float> latenciesMs)
        {
            for (var i = 0; i < latenciesMs.Length; i++)
            {
                latenciesMs[i] = values[i % values.Length];
            }
        }

        public void Dispose()
        {
        }
    }
}
