namespace Edgewise.Node.Storage;

/// <summary>
/// Bounds a folder of files a node writes over time (trace files under <c>&lt;data&gt;/traces</c>):
/// deletes files older than an age, then the oldest while the folder holds more than a byte
/// budget. The newest file is always kept, since a writer may still be appending to it.
/// </summary>
public static class FileRetention
{
    /// <summary>Name of the folder in a node's data directory that holds its trace files.</summary>
    public const string TracesFolder = "traces";

    /// <summary>
    /// Deletes files of <paramref name="directory"/> (and its subfolders) last written before
    /// <paramref name="cutoff"/>, then the oldest until the rest fit in <paramref name="maxBytes"/>.
    /// A missing folder is empty; a file that cannot be deleted is skipped. Returns the files deleted.
    /// </summary>
    public static int Prune(string directory, DateTimeOffset cutoff, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var files = new DirectoryInfo(directory)
            .EnumerateFiles("*", SearchOption.AllDirectories)
            .OrderBy(file => file.LastWriteTimeUtc)
            .ToList();
        var total = files.Sum(file => file.Length);
        var deleted = 0;
        for (var i = 0; i < files.Count - 1; i++)
        {
            var file = files[i];
            if (file.LastWriteTimeUtc >= cutoff.UtcDateTime && total <= maxBytes)
            {
                break;
            }

            try
            {
                var length = file.Length;
                file.Delete();
                total -= length;
                deleted++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // In use or not ours to delete: the next pass tries again.
            }
        }

        return deleted;
    }
}
