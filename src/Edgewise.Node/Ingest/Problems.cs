using Edgewise.Readings;
using Microsoft.AspNetCore.Http;

namespace Edgewise.Node.Ingest;

/// <summary>
/// The problem details (RFC 9457) the ingest API answers with. Each has a stable <c>type</c>;
/// refused readings are listed under <c>errors</c> with their index, field and reason.
/// </summary>
internal static class Problems
{
    public const string InvalidReadings = "urn:edgewise:problem:invalid-readings";
    public const string BodyTooLarge = "urn:edgewise:problem:body-too-large";
    public const string UnsupportedMediaType = "urn:edgewise:problem:unsupported-media-type";
    public const string DeviceNotFound = "urn:edgewise:problem:device-not-found";
    public const string StoreUnavailable = "urn:edgewise:problem:store-unavailable";
    public const string OverloadedType = "urn:edgewise:problem:overloaded";
    public const string StoppingType = "urn:edgewise:problem:stopping";

    public static IResult Invalid(IReadOnlyList<ReadingError> errors)
    {
        var first = errors[0];
        var detail = errors.Count == 1
            ? $"{first.Field}: {first.Reason}"
            : $"{errors.Count} readings were refused; the first: {first.Field}: {first.Reason}";

        return TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request holds no acceptable reading",
            type: InvalidReadings,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }

    public static IResult TooLarge(long limit) => TypedResults.Problem(
        $"The body is larger than the limit of {limit} bytes; send fewer readings per request.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        type: BodyTooLarge);

    public static IResult NotJson(string? contentType, bool binaryAllowed) => TypedResults.Problem(
        binaryAllowed
            ? $"Content-Type must be application/json, or application/octet-stream for a vibration window (got '{contentType ?? "none"}')."
            : $"Content-Type must be application/json (got '{contentType ?? "none"}').",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        type: UnsupportedMediaType);

    public static IResult StoreDown() => TypedResults.Problem(
        "The node could not make the readings durable; nothing was accepted. Retry later.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Store unavailable",
        type: StoreUnavailable);

    /// <summary>503 with Retry-After: the backlog is full; nothing of the request was accepted.</summary>
    public static IResult Overloaded(HttpContext context, long pending, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);

        return TypedResults.Problem(
            $"The node has {pending} readings accepted and not yet processed, at its limit; nothing of this request was accepted. "
            + "Send it again after Retry-After.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Node overloaded",
            type: OverloadedType);
    }

    /// <summary>503 with Retry-After: the node is shutting down; nothing of the request was accepted.</summary>
    public static IResult Stopping(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);

        return TypedResults.Problem(
            "The node is stopping; nothing of this request was accepted. Send it again after Retry-After.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Node stopping",
            type: StoppingType);
    }

    private static void SetRetryAfter(HttpContext context, TimeSpan retryAfter) =>
        context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
