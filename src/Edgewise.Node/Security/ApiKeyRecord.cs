namespace Edgewise.Node.Security;

/// <summary>
/// One API key as the key store holds it: never the key itself, only a salted SHA-256 hash of its
/// secret part. The id is the public part of the key and is safe to log.
/// </summary>
/// <param name="Id">Public id, the part of the key between <c>ew_</c> and the secret.</param>
/// <param name="Name">A label for people (which device fleet or which script holds it).</param>
/// <param name="Salt">16 random bytes, base64, hashed in front of the secret.</param>
/// <param name="Hash">SHA-256 of salt and secret, base64.</param>
/// <param name="Devices">Device ids the key may send for; an entry ending in <c>*</c> is a prefix. Empty: every device.</param>
/// <param name="Created">When the key was made.</param>
/// <param name="Revoked">When the key was revoked; null while it is valid.</param>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    string Salt,
    string Hash,
    IReadOnlyList<string> Devices,
    DateTimeOffset Created,
    DateTimeOffset? Revoked)
{
    /// <summary>True when the key may send readings for <paramref name="deviceId"/>.</summary>
    public bool Allows(string deviceId) => DeviceScope.Allows(Devices, deviceId);
}
