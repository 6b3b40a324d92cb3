using System.Collections.Frozen;
using Edgewise.Node.Hosting;
using Microsoft.Extensions.Logging;

namespace Edgewise.Node.Security;

/// <summary>
/// The keys a running node accepts, read from its key store file and read again when the file
/// changes (looked at no more than once a second), so <c>edgewise keys revoke</c> takes effect
/// without a restart. A file that cannot be read at start stops the node; later, the keys read
/// before stay and the failure is logged.
/// </summary>
internal sealed partial class KeyRing
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<KeyRing> _logger;
    private readonly Lock _reload = new();
    private FrozenDictionary<string, ApiKeyRecord> _keys = FrozenDictionary<string, ApiKeyRecord>.Empty;
    private DateTime _fileWritten = DateTime.MinValue;
    private long _nextCheck;

    public KeyRing(string path, TimeProvider time, ILogger<KeyRing> logger)
    {
        _path = path;
        _time = time;
        _logger = logger;
        try
        {
            // At start an unreadable store stops the node; later, the keys read before stay.
            KeyStore.Load(path);
        }
        catch (InvalidDataException exception)
        {
            throw new NodeStartupException($"{exception.Message}. Fix or remove it; `edgewise keys create` makes a new one.", exception);
        }

        Reload();
    }

    /// <summary>The key store file.</summary>
    public string Path => _path;

    /// <summary>Keys that are not revoked.</summary>
    public int ValidCount => _keys.Count;

    /// <summary>The valid key the presented string is, or null (unknown, revoked, or wrong secret).</summary>
    public ApiKeyRecord? Authenticate(string presented)
    {
        ReloadIfDue();
        if (!KeyStore.TrySplit(presented, out var id, out var secret)
            || !_keys.TryGetValue(id, out var record)
            || !KeyStore.Matches(record, secret))
        {
            return null;
        }

        return record;
    }

    private void ReloadIfDue()
    {
        var now = _time.GetTimestamp();
        if (now < Volatile.Read(ref _nextCheck))
        {
            return;
        }

        lock (_reload)
        {
            if (now < _nextCheck)
            {
                return;
            }

            _nextCheck = now + (long)(CheckInterval.TotalSeconds * _time.TimestampFrequency);
            Reload();
        }
    }

    private void Reload()
    {
        var written = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
        if (written == _fileWritten)
        {
            return;
        }

        try
        {
            var keys = KeyStore.Load(_path)
                .Where(key => key.Revoked is null)
                .ToFrozenDictionary(key => key.Id, StringComparer.Ordinal);
            Volatile.Write(ref _keys, keys);
            _fileWritten = written;
            Log.KeysLoaded(_logger, keys.Count, _path);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Log.KeysUnreadable(_logger, _path, exception.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, EventName = "KeysLoaded", Level = LogLevel.Information,
            Message = "{Count} valid API keys read from {Path}")]
        public static partial void KeysLoaded(ILogger logger, int count, string path);

        [LoggerMessage(EventId = 701, EventName = "KeysUnreadable", Level = LogLevel.Error,
            Message = "The key store {Path} could not be read, keeping the keys read before: {Reason}")]
        public static partial void KeysUnreadable(ILogger logger, string path, string reason);
    }
}
