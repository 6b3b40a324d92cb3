namespace Edgewise.Node.Security;

/// <summary>Writes secrets (private keys, API keys) to new files only their owner can read.</summary>
public static class PrivateFile
{
    /// <summary>Creates <paramref name="path"/> with <paramref name="text"/>; fails when it exists.</summary>
    public static void Write(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OperatingSystem.IsWindows()
            ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
