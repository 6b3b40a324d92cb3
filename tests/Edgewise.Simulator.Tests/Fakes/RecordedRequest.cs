using System.Text;
using System.Text.Json;
using System.Web;

namespace Edgewise.Simulator.Tests.Fakes;

/// <summary>
/// One request the fake node received, with its readings' device ids and sequences: from the JSON
/// array, or from the query string of a binary vibration window.
/// </summary>
internal sealed record RecordedRequest(Uri Uri, string? ContentType, byte[] Bytes)
{
    /// <summary>The Authorization header the request carried, if any.</summary>
    public string? Authorization { get; init; }

    public const string OctetStream = "application/octet-stream";

    public string Body => Encoding.UTF8.GetString(Bytes);

    public bool IsBinary => ContentType == OctetStream;

    public IReadOnlyList<(string DeviceId, long Sequence)> Readings => IsBinary ? FromQuery(Uri) : FromJson(Bytes);

    private static (string DeviceId, long Sequence)[] FromQuery(Uri uri)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);

        return [(query["deviceId"]!, long.Parse(query["sequence"]!, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static (string DeviceId, long Sequence)[] FromJson(byte[] body)
    {
        using var document = JsonDocument.Parse(body);

        return [.. document.RootElement.EnumerateArray()
            .Select(item => (item.GetProperty("deviceId").GetString()!, item.GetProperty("sequence").GetInt64()))];
    }
}
