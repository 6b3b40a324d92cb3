using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Edgewise.Node.Security;

/// <summary>
/// The file of API keys a node accepts (<c>keys.json</c> in its data directory by default). A key
/// reads <c>ew_&lt;id&gt;_&lt;secret&gt;</c>: the id finds the entry, the 256-bit random secret
/// proves possession. Only a salted SHA-256 of the secret is stored. A slow password hash
/// (PBKDF2, Argon2) protects guessable secrets; a secret drawn from 2^256 values cannot be guessed
/// however fast the hash is, and a fast hash keeps authentication to microseconds per request.
/// </summary>
public static class KeyStore
{
    /// <summary>File name of the key store inside a data directory.</summary>
    public const string FileName = "keys.json";

    private const string Prefix = "ew_";
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    /// <summary>Salts and hash inputs up to this size are held on the stack.</summary>
    private const int MaxStackInput = 256;

    /// <summary>The key store of a node whose data directory is <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Reads every key in the file; none when it does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is not a key store; the message names it.</exception>
    public static IReadOnlyList<ApiKeyRecord> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize(stream, SecurityJsonContext.Default.KeyStoreDocument);

            return document?.Keys ?? throw new InvalidDataException($"{path} is empty; expected a key store.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException(
                $"{path} is not a key store (line {exception.LineNumber + 1}: {exception.Message})", exception);
        }
    }

    /// <summary>Makes a key, adds it to the file (created when missing) and returns its entry and the key itself.</summary>
    /// <param name="path">The key store file.</param>
    /// <param name="name">A label for people.</param>
    /// <param name="devices">Device ids or <c>prefix*</c> patterns the key may send for; empty for every device.</param>
    /// <param name="now">The creation time to record.</param>
    public static (ApiKeyRecord Record, string Key) Create(string path, string name, IReadOnlyList<string> devices, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(devices);

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = new byte[SHA256.HashSizeInBytes];
        Hash(salt, secret, hash);
        var record = new ApiKeyRecord(
            id,
            name,
            Convert.ToBase64String(salt),
            Convert.ToBase64String(hash),
            [.. devices],
            now,
            Revoked: null);
        Save(path, [.. Load(path), record]);

        return (record, $"{Prefix}{id}_{secret}");
    }

    /// <summary>Marks the key with <paramref name="id"/> revoked; false when the file holds no such key.</summary>
    public static bool Revoke(string path, string id, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        var keys = Load(path).ToList();
        var index = keys.FindIndex(key => key.Id == id);
        if (index < 0)
        {
            return false;
        }

        keys[index] = keys[index] with { Revoked = keys[index].Revoked ?? now };
        Save(path, keys);

        return true;
    }

    /// <summary>Splits a presented key into its id and secret; false when it is not shaped like a key.</summary>
    public static bool TrySplit(string key, out string id, out string secret)
    {
        ArgumentNullException.ThrowIfNull(key);
        id = secret = string.Empty;
        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var separator = key.IndexOf('_', Prefix.Length);
        if (separator <= Prefix.Length || separator == key.Length - 1)
        {
            return false;
        }

        id = key[Prefix.Length..separator];
        secret = key[(separator + 1)..];

        return true;
    }

    /// <summary>True when <paramref name="secret"/> hashes to the record's hash; compared in constant time.</summary>
    public static bool Matches(ApiKeyRecord record, string secret)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(record.Hash, expected, out var written) || written != expected.Length)
        {
            return false;
        }

        // Every request checks its key: salt, secret and hash live on the stack, not in new arrays.
        Span<byte> salt = record.Salt.Length > MaxStackInput ? new byte[record.Salt.Length] : stackalloc byte[MaxStackInput];
        if (!Convert.TryFromBase64String(record.Salt, salt, out var saltLength))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(salt[..saltLength], secret, actual);

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>SHA-256 of the salt followed by the secret's UTF-8 bytes, into <paramref name="hash"/>.</summary>
    private static void Hash(ReadOnlySpan<byte> salt, string secret, Span<byte> hash)
    {
        var length = salt.Length + Encoding.UTF8.GetMaxByteCount(secret.Length);
        Span<byte> input = length > MaxStackInput ? new byte[length] : stackalloc byte[MaxStackInput];
        salt.CopyTo(input);
        var secretLength = Encoding.UTF8.GetBytes(secret, input[salt.Length..]);
        SHA256.HashData(input[..(salt.Length + secretLength)], hash);
    }

    /// <summary>Writes the whole file next to the old one and moves it over, so a node never reads half a file.</summary>
    private static void Save(string path, IReadOnlyList<ApiKeyRecord> keys)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, new KeyStoreDocument(1, keys), SecurityJsonContext.Default.KeyStoreDocument);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
