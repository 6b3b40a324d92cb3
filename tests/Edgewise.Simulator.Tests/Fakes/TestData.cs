namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>Where the shipped data sets are: copied beside the test binaries, or in the repository.</summary>
internal static class TestData
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "data");
        if (System.IO.Directory.Exists(Path.Combine(beside, "suthaharan-wsn-labelled")))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "suthaharan-wsn-labelled")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The data folder was not found near the test binaries.");
    }
}
