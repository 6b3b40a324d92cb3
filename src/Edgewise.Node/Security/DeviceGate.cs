using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Edgewise.Node.Hosting;
using Edgewise.Readings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Security;

/// <summary>
/// The checks on parsed readings that need their device ids: the API key's device scope and the
/// per-device rate limit. A reading outside the scope is refused like an invalid one, by index;
/// when no reading of the request is in scope the answer is 403. A device over its rate turns the
/// whole request away with 429 and Retry-After, so a retrying sender keeps its order.
/// </summary>
internal sealed class DeviceGate : IDisposable
{
    public const string RateLimited = "urn:edgewise:problem:rate-limited";

    private readonly bool _open;
    private readonly int _burst;
    private readonly PartitionedRateLimiter<string> _devices;

    public DeviceGate(IOptions<NodeOptions> options)
    {
        var value = options.Value;
        _open = value.Security.Open;
        _burst = value.Limits.DeviceBurst;
        var limiter = new TokenBucketRateLimiterOptions
        {
            TokenLimit = value.Limits.DeviceBurst,
            TokensPerPeriod = value.Limits.DeviceReadingsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        // The partitioner runs on every acquisition: one factory delegate for all devices, so
        // a reading costs no closure (a batch of 100 devices made 200 of them).
        Func<string, TokenBucketRateLimiter> factory = _ => new TokenBucketRateLimiter(limiter);
        _devices = PartitionedRateLimiter.Create<string, string>(
            device => RateLimitPartition.Get(device, factory),
            StringComparer.Ordinal);
    }

    /// <summary>Refuses what <paramref name="user"/> may not send; a problem, or the readings that may go on.</summary>
    public (ReadingParseResult? Allowed, IResult? Problem) Check(ClaimsPrincipal user, ReadingParseResult parsed)
    {
        var (allowed, problem) = _open ? (parsed, null) : InScope(user, parsed);
        if (allowed is null)
        {
            return (null, problem);
        }

        // Most requests carry one reading: its device is charged without grouping.
        if (allowed.Accepted is [var only])
        {
            return Charge(only.Reading.DeviceId, 1) is { } tooFast ? (null, tooFast) : (allowed, null);
        }

        var perDevice = new Dictionary<string, int>(allowed.Accepted.Count, StringComparer.Ordinal);
        foreach (var item in allowed.Accepted)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(perDevice, item.Reading.DeviceId, out _)++;
        }

        foreach (var (device, readings) in perDevice)
        {
            if (Charge(device, readings) is { } tooFast)
            {
                return (null, tooFast);
            }
        }

        return (allowed, null);
    }

    /// <summary>A 429 problem with a Retry-After header of at least one second.</summary>
    public static IResult TooFast(string what, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

        return new RetryAfterResult(
            TypedResults.Problem(
                $"{what}; retry after {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                type: RateLimited),
            seconds.ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose() => _devices.Dispose();

    /// <summary>Takes <paramref name="readings"/> from the device's bucket; a 429 problem when it is empty.</summary>
    private IResult? Charge(string deviceId, int readings)
    {
        using var lease = _devices.AttemptAcquire(deviceId, Math.Min(readings, _burst));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);

        return TooFast($"Device '{deviceId}' sends faster than this node allows", retryAfter);
    }

    private static (ReadingParseResult? Allowed, IResult? Problem) InScope(ClaimsPrincipal user, ReadingParseResult parsed)
    {
        var scope = user.FindAll(ApiKeyAuthenticationHandler.DeviceClaim).Select(claim => claim.Value).ToArray();
        if (scope.Length == 0 || parsed.Accepted.All(item => DeviceScope.Allows(scope, item.Reading.DeviceId)))
        {
            return (parsed, null);
        }

        var accepted = new List<IndexedReading>(parsed.Accepted.Count);
        var refused = new List<ReadingError>();
        foreach (var item in parsed.Accepted)
        {
            if (DeviceScope.Allows(scope, item.Reading.DeviceId))
            {
                accepted.Add(item);
            }
            else
            {
                refused.Add(new ReadingError(
                    parsed.IsBatch ? item.Index : null,
                    "deviceId",
                    $"this API key may not send for device '{item.Reading.DeviceId}'"));
            }
        }

        var rejected = parsed.Rejected.Concat(refused).OrderBy(error => error.Index ?? -1).ToList();
        if (accepted.Count == 0)
        {
            return (null, TypedResults.Problem(
                $"{refused[0].Reason}; its scope is {string.Join(", ", scope)}.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Device outside the key's scope",
                type: ApiKeyAuthenticationHandler.Forbidden,
                extensions: new Dictionary<string, object?> { ["errors"] = rejected }));
        }

        return (new ReadingParseResult(accepted, rejected, null, parsed.IsBatch, parsed.Count), null);
    }
}
