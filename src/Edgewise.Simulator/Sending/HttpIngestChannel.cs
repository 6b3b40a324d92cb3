using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Edgewise.Readings;

namespace Edgewise.Simulator.Sending;

/// <summary>Delivers requests by POST to a node's ingest API and reads its receipt.</summary>
internal sealed class HttpIngestChannel : IIngestChannel
{
    private const string IngestPath = "api/v1/readings";

    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    /// <summary>A channel over <paramref name="handler"/> (owned by the caller), sending <paramref name="apiKey"/> as a bearer token when set.</summary>
    public HttpIngestChannel(HttpMessageHandler handler, TimeSpan requestTimeout, string? apiKey, TimeProvider time)
    {
        _client = new HttpClient(handler, disposeHandler: false) { Timeout = requestTimeout };
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        _time = time;
    }

    public async Task<Delivery> DeliverAsync(Uri node, IngestRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, IngestUri(node, request.Query));
            message.Content = request.Content();
            using var response = await _client.SendAsync(message, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var receipt = await ReceiptAsync(response, cancellationToken);

                return receipt is null
                    ? Delivery.Settled(null, $"HTTP {status} without a readable receipt")
                    : Delivery.Settled(receipt);
            }

            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
            {
                return Delivery.Rejected($"HTTP {status}: {await RefusalReasonAsync(response, cancellationToken)}");
            }

            return IsRetryable(response.StatusCode)
                ? Delivery.Retry($"HTTP {status}", RetryAfter(response))
                : Delivery.Failed($"HTTP {status} is not retried");
        }
        catch (HttpRequestException exception)
        {
            return Delivery.Retry(exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Delivery.Retry($"timed out after {_client.Timeout.TotalSeconds:0.#} s");
        }
    }

    public void Dispose() => _client.Dispose();

    private static Uri IngestUri(Uri node, string? query)
    {
        var path = node.AbsoluteUri.TrimEnd('/') + "/" + IngestPath;

        return new Uri(query is null ? path : path + "?" + query);
    }

    private static async Task<IngestReceipt?> ReceiptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, IngestJsonContext.Default.IngestReceipt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> RefusalReasonAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "refused";
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var list = errors.Deserialize(IngestJsonContext.Default.IReadOnlyListReadingError);
                if (list is { Count: > 0 })
                {
                    return $"{list[0].Field}: {list[0].Reason}";
                }
            }

            return root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? detail.GetString() ?? "refused"
                : root.TryGetProperty("title", out var title) ? title.GetString() ?? "refused" : "refused";
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;

        return header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
    }
}
