using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Security;

/// <summary>
/// Authenticates devices by API key, sent as <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c>. The principal carries the key's id and its device scope.
/// Refusals are problem details: 401 without a valid key, 403 outside the key's scope.
/// Neither the key nor the body is ever logged; only a key's public id is.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    KeyRing keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header a key can travel in instead of Authorization.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Claim type of one device id or prefix pattern the key may send for.</summary>
    public const string DeviceClaim = "edgewise:device";

    public const string Unauthenticated = "urn:edgewise:problem:unauthenticated";
    public const string Forbidden = "urn:edgewise:problem:forbidden";

    private const string Refusal = "edgewise:refusal";

    private static readonly ConditionalWeakTable<ApiKeyRecord, ClaimsPrincipal> Principals = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = keys.Authenticate(presented);
        if (key is null)
        {
            var id = KeyStore.TrySplit(presented, out var keyId, out _) ? keyId : "(not a key)";
            Log.KeyRefused(Logger, id[..Math.Min(id.Length, 16)], Context.Connection.RemoteIpAddress?.ToString());
            Context.Items[Refusal] = "The API key is unknown or revoked.";

            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API key"));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principals.GetValue(key, PrincipalOf), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Context.Items[Refusal] as string
            ?? $"Send an API key as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'; make one with `edgewise keys create`.";
        await WriteAsync("API key required", detail, Unauthenticated);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteAsync("Not allowed", "This API key may not use this endpoint.", Forbidden);
    }

    /// <summary>
    /// Builds a key's principal: its id, name and device scope as claims. Nothing changes a
    /// principal after authentication, so each key record's is built once and shared by its
    /// requests (a reloaded key file brings new records, and with them new principals).
    /// </summary>
    private static ClaimsPrincipal PrincipalOf(ApiKeyRecord key)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, key.Id), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Devices.Select(device => new Claim(DeviceClaim, device)));

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    /// <summary>The key in the request, or null when it carries none.</summary>
    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        var header = request.Headers[HeaderName].ToString();

        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    private ValueTask WriteAsync(string title, string detail, string type) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Title = title, Detail = detail, Type = type, Status = Response.StatusCode },
    });

    private static partial class Log
    {
        [LoggerMessage(EventId = 702, EventName = "KeyRefused", Level = LogLevel.Warning,
            Message = "Refused an API key (id {KeyId}) from {Remote}: unknown, revoked or wrong secret")]
        public static partial void KeyRefused(ILogger logger, string keyId, string? remote);
    }
}
