namespace Edgewise.Node.Security;

/// <summary>The key store file's content: a format version and the keys, revoked ones included.</summary>
/// <param name="Version">Format version, 1.</param>
/// <param name="Keys">Every key ever made in this store.</param>
internal sealed record KeyStoreDocument(int Version, IReadOnlyList<ApiKeyRecord> Keys);
