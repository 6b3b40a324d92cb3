using System.Net;
using System.Text;
using System.Text.Json;
using Edgewise.Readings;

namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>
/// Stands in for nodes' ingest endpoints: records each request and answers from a script, by
/// default acknowledging every reading of the body.
/// </summary>
internal sealed class FakeIngestHandler(
    Func<int, RecordedRequest, Task<HttpResponseMessage>>? script = null) : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static HttpResponseMessage AcknowledgeAll(RecordedRequest request, bool duplicate = false)
    {
        var accepted = request.Readings
            .Select((reading, index) => new AcceptedReading(index, reading.DeviceId, reading.Sequence, duplicate))
            .ToArray();

        return Receipt(new IngestReceipt(accepted.Length, 0, accepted, []));
    }

    public static HttpResponseMessage Receipt(IngestReceipt receipt) =>
        Json(HttpStatusCode.Accepted, JsonSerializer.Serialize(receipt, IngestJsonContext.Default.IngestReceipt));

    public static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content.Headers.ContentType?.MediaType;
        var recorded = new RecordedRequest(request.RequestUri!, contentType, body)
        {
            Authorization = request.Headers.Authorization?.ToString(),
        };
        int index;
        lock (_gate)
        {
            index = _requests.Count;
            _requests.Add(recorded);
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            return script is null ? AcknowledgeAll(recorded) : await script(index, recorded);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value
            && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
