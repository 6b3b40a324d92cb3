using Edgewise.Learning.Models;
using Edgewise.Learning.Placement;
using Edgewise.Learning.Traces;
using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Cli.Lab;

/// <summary>
/// The one place the lab commands (<c>sim</c>, <c>bench</c>) get their policies and trace sinks.
/// Extension points: <see cref="RegisterBuiltIns"/> registers policies this build ships beyond the
/// classic ones (the learned policy goes here), user assemblies come from <c>--policy-assembly</c>,
/// and <see cref="TraceSinkFactory"/> opens the trainer's trace writer (Parquet, one folder per
/// policy) for a policy's run.
/// </summary>
internal static class LabHost
{
    /// <summary>The shipped model beside the program, which the learned policy uses unless told otherwise.</summary>
    public static string ShippedModel => Path.Combine(AppContext.BaseDirectory, "models", "default", "model.zip");

    /// <summary>
    /// The catalogue: classic policies, this build's own (the learned policy on
    /// <paramref name="modelPath"/>, default the shipped model), then those found in
    /// <paramref name="assemblies"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An assembly is missing or holds no policy.</exception>
    public static PolicyCatalog Catalog(IEnumerable<string> assemblies, string? modelPath = null)
    {
        var catalog = new PolicyCatalog();
        RegisterBuiltIns(catalog, modelPath ?? ShippedModel);
        foreach (var assembly in assemblies)
        {
            catalog.LoadAssembly(assembly);
        }

        return catalog;
    }

    /// <summary>
    /// Opens the sink that writes one policy's simulated traces under <paramref name="folder"/>, in
    /// the trainer's format; null when this build has no trace writer (then <c>--traces</c> is refused).
    /// A sink that is <see cref="IDisposable"/> or <see cref="IAsyncDisposable"/> is disposed when
    /// its scenario's comparison ends. With Edgewise.Learning built in this becomes
    /// <c>policy =&gt; new TraceWriter(Path.Combine(folder, $"{policy}.parquet"))</c>.
    /// </summary>
    public static Func<string, ITraceSink>? TraceSinkFactory(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);

        return policy => new TraceWriter(Path.Combine(folder, policy));
    }

    /// <summary>
    /// Registers the policies this build ships beyond the classic ones: the learned policy, each
    /// run with the model at <paramref name="modelPath"/> loaded afresh. A model that cannot be
    /// loaded fails the run with the file and the reason, rather than quietly falling back. In the
    /// simulator a peer needs no margin to win: task costs there are fractions of a millisecond,
    /// and the node's default margin (0.25 ms) would keep most tasks at home.
    /// </summary>
    private static void RegisterBuiltIns(PolicyCatalog catalog, string modelPath) => catalog.Register("learned", () =>
    {
        var policy = new LearnedPolicy(new LearnedPolicyOptions { MarginMs = 0 });
        policy.Use(LatencyModels.Load(modelPath));

        return policy;
    });
}
