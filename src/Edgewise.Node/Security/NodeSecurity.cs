using System.Security.Claims;
using System.Threading.RateLimiting;
using Edgewise.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Security;

/// <summary>
/// Registers a node's security: API key authentication, the authorization policy of the device
/// endpoints (a valid key, or none in open mode), the per-key rate limit, the per-device gate
/// and the cluster's mutual TLS.
/// </summary>
internal static class NodeSecurity
{
    /// <summary>Policy of the endpoints devices and operators call: ingest, stats, devices.</summary>
    public const string DevicePolicy = "devices";

    /// <summary>Rate limiting policy of the ingest endpoints, partitioned by API key.</summary>
    public const string KeyRatePolicy = "per-key";

    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(sp => new KeyRing(
            sp.GetRequiredService<IOptions<NodeOptions>>().Value.ApiKeyFile,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KeyRing>>()));
        services.AddSingleton<DeviceGate>();
        services.AddSingleton<ClusterAccess>();
        services.AddHostedService<SecurityNotice>();

        // The core of authentication only: AddAuthentication() would also bring data protection,
        // which API keys do not use and which would write its own key ring to the user's profile.
        services.AddAuthenticationCore(authentication =>
        {
            authentication.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
            authentication.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        });
        services.AddWebEncoders();
        services.AddAuthorization();
        services.AddOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>()
            .Configure<IOptions<NodeOptions>>((authorization, node) => authorization.AddPolicy(DevicePolicy, policy =>
            {
                if (node.Value.Security.Open)
                {
                    policy.RequireAssertion(_ => true);
                }
                else
                {
                    policy.RequireAuthenticatedUser();
                }
            }));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<NodeOptions>>((rates, node) =>
            {
                var limits = node.Value.Limits;
                rates.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                rates.AddPolicy(KeyRatePolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                    Caller(context),
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.KeyBurst,
                        TokensPerPeriod = limits.KeyRequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = false,
                    }));
                rates.OnRejected = (rejected, _) =>
                {
                    var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);

                    return new ValueTask(DeviceGate.TooFast("This API key sends more requests than this node allows", retryAfter)
                        .ExecuteAsync(rejected.HttpContext));
                };
            });
    }

    /// <summary>The partition of a request: its key's id, or in open mode without a key its remote address.</summary>
    private static string Caller(HttpContext context) =>
        context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } keyId
            ? $"key:{keyId}"
            : $"address:{context.Connection.RemoteIpAddress}";
}
