using Edgewise.Placement;
using Edgewise.Traces;

namespace Edgewise.Cli.Lab;

/// <summary>
/// The one place the lab commands (<c>sim</c>, <c>bench</c>) get their policies and trace sinks.
/// Extension points: <see cref="RegisterBuiltIns"/> registers policies this build ships beyond the
/// classic ones (the learned policy goes here), user assemblies come from <c>--policy-assembly</c>,
/// and <see cref="TraceSinkFactory"/> opens the trainer's trace writer for a policy's run.
/// </summary>
internal static class LabHost
{
    /// <summary>The catalogue: classic policies, this build's own, then those found in <paramref name="assemblies"/>.</summary>
    /// <exception cref="ArgumentException">An assembly is missing or holds no policy.</exception>
    public static PolicyCatalog Catalog(IEnumerable<string> assemblies)
    {
        var catalog = new PolicyCatalog();
        RegisterBuiltIns(catalog);
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

        return null;
    }

    /// <summary>
    /// Registers the policies this build ships beyond the classic ones. The learned policy
    /// (Edgewise.Learning) registers here as <c>catalog.Register("learned", () => …)</c>; until
    /// then reports list it as not available in this build.
    /// </summary>
    private static void RegisterBuiltIns(PolicyCatalog catalog) => ArgumentNullException.ThrowIfNull(catalog);
}
