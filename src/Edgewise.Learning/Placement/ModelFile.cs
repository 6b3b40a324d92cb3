using Edgewise.Learning.Models;

namespace Edgewise.Learning.Placement;

/// <summary>
/// Watches one model file for a <see cref="LearnedPolicy"/>: each <see cref="Refresh"/> loads
/// the file again when its time stamp or size changed, and hands the policy the new model or the
/// reason it was refused. Replace a model by writing a new file and renaming it over the old, so
/// a half-written file is never read (one that is, is refused and read again when it changes).
/// </summary>
public sealed class ModelFile(string path, LearnedPolicy policy)
{
    private readonly string _path = System.IO.Path.GetFullPath(path);
    private (DateTime Written, long Length)? _seen;
    private bool _reportedMissing;

    /// <summary>The watched file.</summary>
    public string Path => _path;

    /// <summary>Loads the file if it changed since the last call; true when a new model is now in use.</summary>
    public bool Refresh()
    {
        var info = new FileInfo(_path);
        if (!info.Exists)
        {
            if (!_reportedMissing)
            {
                _reportedMissing = true;
                _seen = null;
                policy.Refused($"{_path}: model file not found");
            }

            return false;
        }

        _reportedMissing = false;
        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (_seen == stamp)
        {
            return false;
        }

        _seen = stamp;
        try
        {
            policy.Use(LatencyModels.Load(_path));

            return true;
        }
        catch (ModelLoadException exception)
        {
            policy.Refused(exception.Message);

            return false;
        }
    }
}
