using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

/// <summary>Finds the IMS snapshots shipped in the repository's data folder.</summary>
internal static class ImsTestData
{
    public const string First = "2003.10.22.12.06.24.txt.gz";
    public const string Channel7LevelShift = "2003.10.22.14.04.13.txt.gz";
    public const string Last = "2003.10.22.16.44.13.txt.gz";

    private static readonly Lazy<string> _folder = new(FindFolder);

    public static string PathOf(string file) => Path.Combine(_folder.Value, file);

    public static float[][] Read(string file) => ImsBearingFile.Read(PathOf(file));

    /// <summary>Cuts windows of <paramref name="size"/> samples, one every <paramref name="hop"/>.</summary>
    public static IEnumerable<float[]> Windows(float[] channel, int size, int hop)
    {
        for (var start = 0; start + size <= channel.Length; start += hop)
        {
            yield return channel.AsSpan(start, size).ToArray();
        }
    }

    // Tests run from bin/<config>/<tfm>; the data lives at the repository root.
    private static string FindFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "nasa-ims-bearing");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No data/nasa-ims-bearing above {AppContext.BaseDirectory}.");
    }
}
