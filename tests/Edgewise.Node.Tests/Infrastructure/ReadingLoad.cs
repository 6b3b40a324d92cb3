using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Edgewise.Readings;

namespace Edgewise.Node.Tests.Infrastructure;

/// <summary>
/// Sends batches of temperature readings for a set of devices to one node and remembers every
/// (device, sequence) the node acknowledged, so a test can audit the node's store afterwards.
/// </summary>
public sealed class ReadingLoad(HttpClient client, int devices, string devicePrefix)
{
    private readonly long[] _sequences = new long[devices];

    public HashSet<(string DeviceId, long Sequence)> Acknowledged { get; } = [];

    /// <summary>Sends one request holding one new reading of every device; returns the readings acknowledged.</summary>
    public async Task<int> SendRoundAsync(CancellationToken cancellationToken)
    {
        var body = new StringBuilder("[");
        for (var d = 0; d < _sequences.Length; d++)
        {
            var sequence = ++_sequences[d];
            if (d > 0)
            {
                body.Append(',');
            }

            var value = 20 + (sequence % 7);
            body.Append(CultureInfo.InvariantCulture, $"{{\"deviceId\":\"{devicePrefix}-{d}\",\"kind\":\"temperature\",")
                .Append(CultureInfo.InvariantCulture, $"\"value\":{value},\"timestamp\":\"2024-10-01T12:00:00Z\",")
                .Append(CultureInfo.InvariantCulture, $"\"sequence\":{sequence}}}");
        }

        body.Append(']');
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("api/v1/readings", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return 0;
        }

        var receipt = await response.Content.ReadFromJsonAsync(IngestJsonContext.Default.IngestReceipt, cancellationToken);
        foreach (var reading in receipt!.Readings)
        {
            Acknowledged.Add((reading.DeviceId, reading.Sequence));
        }

        return receipt.Readings.Count;
    }
}
