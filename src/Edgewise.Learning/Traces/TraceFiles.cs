namespace Edgewise.Learning.Traces;

/// <summary>How trace files are named and found.</summary>
public static class TraceFiles
{
    /// <summary>Extension of a closed, readable trace file (Apache Parquet).</summary>
    public const string Extension = ".parquet";

    /// <summary>Extension of the file a writer is still filling; it has no footer yet and is skipped by readers.</summary>
    public const string PartialExtension = ".parquet.partial";

    /// <summary>
    /// Expands <paramref name="paths"/> into trace files: a file is taken as is, a directory
    /// gives its <c>*.parquet</c> files (recursively), in name order.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory
                    .EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories)
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                throw new FileNotFoundException($"Trace path {path} is neither a file nor a directory.", path);
            }
        }

        return files;
    }
}
