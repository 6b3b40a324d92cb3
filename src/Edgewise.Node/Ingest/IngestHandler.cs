using System.Buffers;
using Edgewise.Node.Execution;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;
using Edgewise.Node.Telemetry;
using Edgewise.Readings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Ingest;

/// <summary>
/// Admission of readings: read the body within its limit, parse and validate it, make the valid
/// readings durable in the store, hand the new ones to the batcher, and answer with a receipt.
/// A reading is acknowledged only after its transaction commits; a retry of an accepted
/// (device, sequence) is acknowledged again and not processed twice.
/// </summary>
internal sealed class IngestHandler(
    ReadingParser parser,
    ReadingAdmission admission,
    NodeStats stats,
    DeviceGate gate,
    Backlog backlog,
    IHostApplicationLifetime lifetime,
    IOptions<NodeOptions> options)
{
    /// <summary>The formats a node accepts, by the path they arrive on.</summary>
    public enum Format
    {
        Native,
        Prototype,
        SensorData,

        /// <summary>A vibration window as little-endian float32 samples, its fields in the query string.</summary>
        VibrationBinary,
    }

    /// <summary>
    /// Ingests a request's readings. With <paramref name="durable"/> false (the benchmark's
    /// in-memory acknowledgement, never the API) the answer goes out once the store has decided
    /// which readings are new, without waiting for the commit to reach the disk.
    /// </summary>
    public async Task<IResult> HandleAsync(HttpContext context, Format format, bool durable = true)
    {
        var (parsed, problem) = await ReadAndParseAsync(context, format);
        if (parsed is null)
        {
            return problem!;
        }

        if (parsed.BodyError is { } bodyError)
        {
            stats.Rejected(1);

            return Problems.Invalid([bodyError]);
        }

        stats.Rejected(parsed.Rejected.Count);
        if (parsed.Accepted.Count == 0)
        {
            return Problems.Invalid(parsed.Rejected);
        }

        var (allowed, refusal) = gate.Check(context.User, parsed);
        if (allowed is null)
        {
            return refusal!;
        }

        // Refused before anything is stored: the device keeps its readings and sends them again.
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Problems.Stopping(context, options.Value.RetryAfter);
        }

        if (!backlog.TryReserve(allowed.Accepted.Count))
        {
            return Problems.Overloaded(context, backlog.Pending, options.Value.RetryAfter);
        }

        return await AdmitAsync(allowed, nodeNumbered: format is Format.Prototype or Format.SensorData, durable);
    }

    /// <summary>Reads and parses like <see cref="HandleAsync"/> and stores nothing: the benchmark baseline.</summary>
    public async Task<IResult> ParseOnlyAsync(HttpContext context)
    {
        var (parsed, problem) = await ReadAndParseAsync(context, Format.Native);
        if (parsed is null)
        {
            return problem!;
        }

        if (parsed.BodyError is { } bodyError)
        {
            return Problems.Invalid([bodyError]);
        }

        var accepted = parsed.Accepted
            .Select(item => new AcceptedReading(item.Index, item.Reading.DeviceId, item.Reading.Sequence, false))
            .ToArray();

        return Receipt(accepted, parsed.Rejected);
    }

    /// <summary>Checks the content type, reads the body within its limit and parses it; or a problem.</summary>
    private async Task<(ReadingParseResult? Parsed, IResult? Problem)> ReadAndParseAsync(HttpContext context, Format format)
    {
        var request = context.Request;
        if (format == Format.Native && IsBinary(request))
        {
            format = Format.VibrationBinary;
        }
        else if (!request.HasJsonContentType())
        {
            return (null, Problems.NotJson(request.ContentType, binaryAllowed: format == Format.Native));
        }

        var limit = options.Value.MaxRequestBodyBytes;
        var body = await BodyReader.ReadAsync(request, limit, context.RequestAborted);
        if (body is not { } buffer)
        {
            return (null, Problems.TooLarge(limit));
        }

        try
        {
            return (Parse(buffer, format, request.Query), null);
        }
        finally
        {
            request.BodyReader.AdvanceTo(buffer.End);
        }
    }

    private static IResult Receipt(AcceptedReading[] accepted, IReadOnlyList<ReadingError> rejected) => TypedResults.Json(
        new IngestReceipt(accepted.Length, rejected.Count, accepted, rejected),
        IngestJsonContext.Default.IngestReceipt,
        statusCode: StatusCodes.Status202Accepted);

    private static bool IsBinary(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && string.Equals(type.MediaType.Value, "application/octet-stream", StringComparison.OrdinalIgnoreCase);

    private ReadingParseResult Parse(ReadOnlySequence<byte> buffer, Format format, IQueryCollection query)
    {
        if (buffer.IsSingleSegment)
        {
            return Parse(buffer.FirstSpan, format, query);
        }

        // A body over one pipe segment (a batch) is copied into a pooled array: the parse copies
        // out what it keeps, so the array goes back to the pool as soon as it is done.
        var length = checked((int)buffer.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.CopyTo(rented);

            return Parse(rented.AsSpan(0, length), format, query);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private ReadingParseResult Parse(ReadOnlySpan<byte> bytes, Format format, IQueryCollection query)
    {
        return format switch
        {
            Format.Prototype => parser.ParsePrototype(bytes, NumberedAtAdmission.Instance),
            Format.SensorData => parser.ParseSensorData(bytes, options.Value.SensorDataDeviceId, NumberedAtAdmission.Instance),
            Format.VibrationBinary => parser.ParseVibrationBinary(
                bytes,
                VibrationMetadata.FromQuery(name => query.TryGetValue(name, out var value) ? value.ToString() : null)),
            _ => parser.Parse(bytes),
        };
    }

    private async Task<IResult> AdmitAsync(ReadingParseResult parsed, bool nodeNumbered, bool durable)
    {
        var result = await admission.AdmitAsync(parsed, nodeNumbered, durable);
        if (result.StoreFailed)
        {
            return Problems.StoreDown();
        }

        return result.Accepted.Count == 0
            ? Problems.Invalid(result.Rejected)
            : Receipt([.. result.Accepted], result.Rejected);
    }
}
