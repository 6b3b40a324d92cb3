using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Edgewise.Node.Security;
using Edgewise.Node.Tests.Infrastructure;

namespace Edgewise.Node.Tests.Security;

/// <summary>
/// The hostile-input table: requests a careless or malicious client could send, each with the
/// status it must get. 0 means the node must refuse the connection or cut it without an answer.
/// </summary>
public static class HostileRequests
{
    private const string Readings = "api/v1/readings";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static IReadOnlyDictionary<string, HostileCase> Table { get; } = Build();

    /// <summary>A valid temperature reading of <paramref name="device"/>, with one field replaced by raw JSON if given.</summary>
    public static string Reading(string device, long sequence = 1, string? field = null, string? raw = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["deviceId"] = $"\"{device}\"",
            ["kind"] = "\"temperature\"",
            ["value"] = "21.5",
            ["timestamp"] = "\"2024-10-01T12:00:00Z\"",
            ["sequence"] = sequence.ToString(CultureInfo.InvariantCulture),
        };
        if (field is not null)
        {
            fields[field] = raw!;
        }

        return "{" + string.Join(',', fields.Select(pair => $"\"{pair.Key}\":{pair.Value}")) + "}";
    }

    private static Dictionary<string, HostileCase> Build()
    {
        var table = new Dictionary<string, HostileCase>(StringComparer.Ordinal);
        void Add(string name, int expected, Func<SecuredNode, Task<int>> send) => table.Add(name, new HostileCase(expected, send));
        void AddJson(string name, int expected, string body, Func<SecuredNode, string?>? key = null, string path = Readings) =>
            Add(name, expected, node => PostAsync(node, path, Json(body), (key ?? (n => n.Key))(node)));
        void AddBytes(string name, int expected, byte[] body, string contentType = "application/json", string path = Readings) =>
            Add(name, expected, node => PostAsync(node, path, Content(body, contentType), node.Key));

        // Authentication and scope.
        AddJson("no key", 401, Reading("auth-1"), _ => null);
        AddJson("unknown key id", 401, Reading("auth-2"), _ => "ew_000000000000_" + new string('A', 43));
        AddJson("right id, wrong secret", 401, Reading("auth-3"), node => node.Key[..^1] + (node.Key[^1] == 'A' ? 'B' : 'A'));
        AddJson("revoked key", 401, Reading("auth-4"), node => node.RevokedKey);
        AddJson("empty key header", 401, Reading("auth-5"), _ => " ");
        AddJson("a 10 KB key", 401, Reading("auth-6"), _ => "ew_" + new string('a', 10_000));
        Add("bearer of something not a key", 401, node => SendAsync(node, Readings, Json(Reading("auth-7")), "Bearer", "hello"));
        Add("basic authentication", 401, node => SendAsync(node, Readings, Json(Reading("auth-8")), "Basic", "dXNlcjpwYXNz"));
        Add("key in the query string", 401, node => PostAsync(node, $"{Readings}?api_key={node.Key}", Json(Reading("auth-9")), null));
        AddJson(
            "prototype format without key",
            401,
            "{\"sensor_id\":\"T_1\",\"status\":\"ACTIVE\",\"temperature\":22.4,\"timestamp\":\"2024-10-01 12:00:00\"}",
            _ => null,
            path: "");
        AddJson("sensor-data without key", 401, "{\"temperature\":25.1,\"energy\":61.0}", _ => null, path: "sensor-data");
        AddJson("scoped key, device outside its scope", 403, Reading("other-1"), node => node.ScopedKey);
        AddJson("scoped key, array all outside its scope", 403, $"[{Reading("other-2")},{Reading("other-3")}]", node => node.ScopedKey);
        AddJson("scoped key, array partly outside its scope", 202, $"[{Reading("scoped-1")},{Reading("other-4")}]", node => node.ScopedKey);
        AddJson(
            "scoped key, sensor-data device outside its scope",
            403,
            "{\"temperature\":25.1,\"energy\":61.0}",
            node => node.ScopedKey,
            path: "sensor-data");
        Add("stats without key", 401, node => GetAsync(node, "api/v1/stats", null));
        Add("devices without key", 401, node => GetAsync(node, "api/v1/devices", null));
        Add("device outside the key's scope is not found", 404, node => GetAsync(node, "api/v1/devices/auth-1", node.ScopedKey));
        Add("health needs no key", 200, node => GetAsync(node, "healthz", null));

        // Internal endpoints: only peers with a certificate from the cluster's authority.
        AddJson("task on the device listener without certificate", 403, "{}", _ => null, path: "internal/v1/tasks");
        AddJson("load report on the device listener with an API key", 403, "{}", path: "internal/v1/load");
        Add("task replayed to the cluster listener without client certificate", 0, node => ClusterPostAsync(node, null, "internal/v1/tasks"));
        Add(
            "task to the cluster listener with a certificate from another authority",
            0,
            node => ClusterPostAsync(node, Foreign.Value, "internal/v1/tasks"));
        Add("malformed task with a valid peer certificate", 400, node => ClusterPostAsync(
            node, X509Certificate2.CreateFromPemFile(node.Certificates.Certificate, node.Certificates.Key), "internal/v1/tasks"));

        // JSON structure.
        AddJson("array nested 10,000 deep", 400, new string('[', 10_000) + new string(']', 10_000));
        AddJson("object nested 5,000 deep", 400, string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        AddJson("value nested 1,000 deep", 400, Reading("json-1", field: "value", raw: new string('[', 1_000) + new string(']', 1_000)));
        AddJson("number 1e400", 400, Reading("json-2", field: "value", raw: "1e400"));
        AddJson("number of 10,000 digits", 400, Reading("json-3", field: "value", raw: new string('9', 10_000)));
        AddJson("NaN token", 400, Reading("json-4", field: "value", raw: "NaN"));
        AddJson("Infinity token", 400, Reading("json-5", field: "value", raw: "Infinity"));
        AddJson("-Infinity token", 400, Reading("json-6", field: "value", raw: "-Infinity"));
        AddJson("NaN as a string", 400, Reading("json-7", field: "value", raw: "\"NaN\""));
        AddJson("duplicate keys", 400, Reading("json-8").TrimEnd('}') + ",\"value\":99}");
        AddJson("10 MB device id", 413, Reading(new string('x', 10 * 1024 * 1024)));
        AddJson("3 MB device id", 400, Reading(new string('x', 3 * 1024 * 1024)));
        AddJson("device id with control characters", 400, Reading("bad\\u0000\\u0007id"));
        AddJson("lone surrogate in a string", 400, Reading("bad\\ud800id"));
        AddJson("lone high surrogate ending a string", 400, Reading("bad\\ud800"));
        AddJson("lone surrogate in a field name", 400, Reading("json-15").Replace("\"kind\"", "\"ki\\udc00nd\"", StringComparison.Ordinal));
        AddJson("lone surrogate in a sensor-data field name", 400, "{\"temp\\ud800\":1,\"energy\":61.0}", path: "sensor-data");
        AddJson("truncated JSON", 400, Reading("json-9")[..30]);
        AddJson("empty body", 400, string.Empty);
        AddJson("empty array", 400, "[]");
        AddJson("JSON null", 400, "null");
        AddJson("top-level string", 400, "\"reading\"");
        AddJson("trailing garbage", 400, Reading("json-10") + "xyz");
        AddJson("comments", 400, "/* hi */" + Reading("json-11"));
        AddJson("10,001 readings in one request", 400, "[" + string.Join(',', Enumerable.Range(0, 10_001).Select(i => Reading("many", i + 1))) + "]");
        AddBytes("invalid UTF-8 in a string", 400, Utf8With("json-12", [0xC3, 0x28]));
        AddBytes("overlong UTF-8 encoding", 400, Utf8With("json-13", [0xC0, 0xAF]));
        AddBytes("UTF-16 body", 400, Encoding.Unicode.GetBytes(Reading("json-14")));

        // Sizes and media types.
        Add(
            "body over the limit, length declared",
            413,
            node => PostAsync(node, Readings, Content(new byte[5 * 1024 * 1024], "application/json"), node.Key));
        Add("body over the limit, chunked", 413, node => PostAsync(node, Readings, Chunked(new byte[5 * 1024 * 1024]), node.Key));
        AddBytes("text/plain", 415, Encoding.UTF8.GetBytes(Reading("type-1")), "text/plain");
        AddBytes("application/xml", 415, Encoding.UTF8.GetBytes(Reading("type-2")), "application/xml");
        AddBytes("form data", 415, "deviceId=a&value=1"u8.ToArray(), "application/x-www-form-urlencoded");
        Add("no content type", 415, node => PostAsync(node, Readings, new ByteArrayContent(Encoding.UTF8.GetBytes(Reading("type-3"))), node.Key));
        Add("header of 100 KB", 431, node => HugeHeaderAsync(node));
        Add("GET on the ingest endpoint", 405, node => GetAsync(node, Readings, node.Key));

        // Timestamps and numbers that parse but make no sense.
        AddJson("timestamp before 1970", 400, Reading("time-1", field: "timestamp", raw: "\"1969-12-31T23:59:59Z\""));
        AddJson("negative year", 400, Reading("time-2", field: "timestamp", raw: "\"-0001-01-01T00:00:00Z\""));
        AddJson("year 9999", 400, Reading("time-3", field: "timestamp", raw: "\"9999-12-31T23:59:59Z\""));
        AddJson("timestamp as a huge number", 400, Reading("time-4", field: "timestamp", raw: "1e20"));
        AddJson("offset of +99:00", 400, Reading("time-5", field: "timestamp", raw: "\"2024-10-01T12:00:00+99:00\""));
        AddJson("negative sequence", 400, Reading("seq-1", sequence: -5));
        AddJson("sequence beyond 64 bits", 400, Reading("seq-2", field: "sequence", raw: "100000000000000000000000000000"));

        // Vibration windows.
        AddJson(
            "window over the sample limit",
            400,
            Reading("vib-1", field: "kind", raw: "\"vibration\"").Replace(
                "\"value\":21.5",
                "\"sampleRate\":1000,\"samples\":[" + string.Join(',', Enumerable.Repeat("0", 70_000)) + "]",
                StringComparison.Ordinal));
        Add("binary window of odd length", 400, node => PostAsync(
            node,
            $"{Readings}?deviceId=vib-2&sequence=1&sampleRate=1000&timestamp=2024-10-01T12:00:00Z",
            Content(new byte[4097], "application/octet-stream"),
            node.Key));
        Add("binary window of NaN samples", 400, node => PostAsync(
            node,
            $"{Readings}?deviceId=vib-3&sequence=1&sampleRate=1000&timestamp=2024-10-01T12:00:00Z",
            Content(NaNs(1024), "application/octet-stream"),
            node.Key));
        Add("binary window at 1e300 Hz", 400, node => PostAsync(
            node,
            $"{Readings}?deviceId=vib-4&sequence=1&sampleRate=1e300&timestamp=2024-10-01T12:00:00Z",
            Content(new byte[4096], "application/octet-stream"),
            node.Key));

        // Clients that stall or hang up.
        Add("body shorter than its declared length", 0, node => RawHttp.SendAsync(
            node.Port,
            RawHttp.Head("/" + Readings, "application/json", 1_000, node.Key),
            Encoding.UTF8.GetBytes(Reading("slow-1")),
            TimeSpan.FromSeconds(20)));
        Add("body trickled a byte at a time", 408, node => RawHttp.TrickleAsync(
            node.Port,
            RawHttp.Head("/" + Readings, "application/json", 10_000, node.Key),
            new byte[10_000],
            TimeSpan.FromMilliseconds(200),
            TimeSpan.FromSeconds(20)));
        Add("headers that never end", 408, node => RawHttp.TrickleAsync(
            node.Port,
            "POST /api/v1/readings HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            Encoding.ASCII.GetBytes(new string('X', 200)),
            TimeSpan.FromMilliseconds(200),
            TimeSpan.FromSeconds(20)));

        return table;
    }

    private static readonly Lazy<X509Certificate2> Foreign = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"foreign-ca-{Guid.NewGuid():N}");
        ClusterCertificates.CreateAuthority(folder, "Someone else's CA", DateTimeOffset.UtcNow);
        var files = ClusterCertificates.CreateNode(folder, "intruder", ["localhost"], [System.Net.IPAddress.Loopback], DateTimeOffset.UtcNow);

        return X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
    });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        return content;
    }

    private static StreamContent Chunked(byte[] body)
    {
        var content = new StreamContent(new NoLengthStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        return content;
    }

    private static byte[] Utf8With(string device, byte[] bad)
    {
        var text = Reading(device + "#");
        var at = text.IndexOf('#', StringComparison.Ordinal);

        return [.. Encoding.UTF8.GetBytes(text[..at]), .. bad, .. Encoding.UTF8.GetBytes(text[(at + 1)..])];
    }

    private static byte[] NaNs(int count)
    {
        var bytes = new byte[count * sizeof(float)];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(float)), float.NaN);
        }

        return bytes;
    }

    private static Task<int> PostAsync(SecuredNode node, string path, HttpContent content, string? key) =>
        SendAsync(node, path, content, key is null ? null : ApiKeyAuthenticationHandler.HeaderName, key);

    private static async Task<int> SendAsync(SecuredNode node, string path, HttpContent content, string? scheme, string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Node.BaseAddress, path)) { Content = content };
        if (scheme == ApiKeyAuthenticationHandler.HeaderName)
        {
            request.Headers.TryAddWithoutValidation(scheme, value);
        }
        else if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, value);
        }

        return await StatusAsync(Http, request);
    }

    private static async Task<int> GetAsync(SecuredNode node, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Node.BaseAddress, path));
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyAuthenticationHandler.HeaderName, key);
        }

        return await StatusAsync(Http, request);
    }

    private static async Task<int> HugeHeaderAsync(SecuredNode node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Node.BaseAddress, Readings))
        {
            Content = Json(Reading("huge-header")),
        };
        request.Headers.TryAddWithoutValidation(ApiKeyAuthenticationHandler.HeaderName, node.Key);
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 100 * 1024));

        return await StatusAsync(Http, request);
    }

    private static async Task<int> ClusterPostAsync(SecuredNode node, X509Certificate2? certificate, string path)
    {
        using var client = node.ClusterClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json("{}"), Version = System.Net.HttpVersion.Version20 };

        return await StatusAsync(client, request);
    }

    private static async Task<int> StatusAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);

            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
