using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Edgewise.Node.Cluster;
using Edgewise.Node.Hosting;
using Edgewise.Node.Security;
using Edgewise.Node.Tests.Infrastructure;
using Edgewise.Placement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Edgewise.Node.Tests.Security;

/// <summary>Keys, scopes, rate limits, open mode, logs and peers' certificates on real nodes.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task KeyOverItsRate_GetsTooManyRequestsWithRetryAfter()
    {
        await using var node = await TestNode.StartAsync("key-rate", new Dictionary<string, string?>
        {
            ["Node:Limits:KeyRequestsPerSecond"] = "1",
            ["Node:Limits:KeyBurst"] = "2",
        });

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await PostAsync(node.Client, HostileRequests.Reading("rate-key", i + 1)));
        }

        var limited = answers.First(answer => answer.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains(DeviceGate.RateLimited, await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, answers[0].StatusCode);
    }

    [Fact]
    public async Task DeviceOverItsRate_IsTurnedAway_OtherDevicesAreNot()
    {
        await using var node = await TestNode.StartAsync("device-rate", new Dictionary<string, string?>
        {
            ["Node:Limits:DeviceReadingsPerSecond"] = "1",
            ["Node:Limits:DeviceBurst"] = "3",
        });

        var first = await PostAsync(node.Client, Batch("fast", 1, 3));
        var second = await PostAsync(node.Client, Batch("fast", 4, 3));
        var other = await PostAsync(node.Client, Batch("calm", 1, 1));
        var single = await PostAsync(node.Client, HostileRequests.Reading("fast", 7));
        var mixed = await PostAsync(node.Client, "[" + HostileRequests.Reading("calm", 2) + "," + HostileRequests.Reading("fast", 8) + "]");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        Assert.Contains("fast", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, single.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, mixed.StatusCode);
        Assert.Contains("'fast'", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionsBeyondTheLimit_AreClosed_AndServedAgainOnceOthersLeave()
    {
        await using var node = await TestNode.StartAsync("connections", new Dictionary<string, string?>
        {
            ["Node:Limits:MaxConnections"] = "2",
        });
        var held = new List<System.Net.Sockets.Socket>();
        for (var i = 0; i < 2; i++)
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, node.BaseAddress.Port);
            held.Add(socket);
        }

        var refused = await RawHttp.SendAsync(node.BaseAddress.Port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", [], TimeSpan.FromSeconds(10));
        held.ForEach(socket => socket.Dispose());

        Assert.Equal(0, refused);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await RawHttp.SendAsync(node.BaseAddress.Port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", [], TimeSpan.FromSeconds(10)) != 200)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    [Fact]
    public async Task KeyRevokedWhileTheNodeRuns_IsRefusedWithinSeconds()
    {
        await using var node = await TestNode.StartAsync("revoke");
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(node.Client, HostileRequests.Reading("revoke", 1))).StatusCode);
        KeyStore.TrySplit(node.ApiKey, out var id, out _);

        Assert.True(KeyStore.Revoke(KeyStore.PathIn(node.DataDirectory), id, DateTimeOffset.UtcNow));

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sequence = 2;
        while ((await PostAsync(node.Client, HostileRequests.Reading("revoke", sequence++))).StatusCode != HttpStatusCode.Unauthorized)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    [Fact]
    public void KeyStore_HoldsOnlySaltedHashes_AndMatchesOnlyTheRightSecret()
    {
        var path = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"keys-{Guid.NewGuid():N}.json");
        var (record, key) = KeyStore.Create(path, "fleet", ["plant-1/*"], DateTimeOffset.UtcNow);
        var (other, _) = KeyStore.Create(path, "fleet", [], DateTimeOffset.UtcNow);

        Assert.True(KeyStore.TrySplit(key, out var id, out var secret));
        Assert.Equal(record.Id, id);
        Assert.DoesNotContain(secret, File.ReadAllText(path), StringComparison.Ordinal);
        Assert.NotEqual(record.Salt, other.Salt);
        Assert.True(KeyStore.Matches(record, secret));
        Assert.False(KeyStore.Matches(record, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.False(KeyStore.Matches(other, secret));
        Assert.False(KeyStore.Matches(record, secret + new string('x', 300)));
        Assert.False(KeyStore.Matches(record, string.Empty));
        Assert.True(record.Allows("plant-1/press-3"));
        Assert.False(record.Allows("plant-2/press-3"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Logs_CarryNoKeyAndNoPayload()
    {
        var logs = new CapturedLogs();
        await using var node = await TestNode.StartAsync(
            "logs",
            LoopbackPorts.Reserve(1)[0],
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            logs: logs);
        KeyStore.TrySplit(node.ApiKey, out var id, out var secret);
        const string Payload = "PAYLOAD-MARKER-7f3a";
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"ew_{id}_{secret}x");
        await PostAsync(anonymous, HostileRequests.Reading("logs-1", 1, "value", $"\"{Payload}\""));
        await PostAsync(node.Client, HostileRequests.Reading("logs-2", 1, "unit", $"\"{Payload}\""));
        await PostAsync(node.Client, "{\"deviceId\":\"" + Payload + "\", broken");
        await node.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        await node.StopAsync();

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, line => line.Contains($"id {id}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(secret[..20], StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreadableKeyStore_StopsTheNodeWithTheFileNamed()
    {
        var file = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"broken-keys-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "{\"version\": 1, \"keys\": [");

        var exception = await Assert.ThrowsAsync<NodeStartupException>(() => TestNode.StartAsync(
            "broken-keys", new Dictionary<string, string?> { ["Node:Security:ApiKeyFile"] = file }));

        Assert.Contains(file, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenMode_TakesReadingsWithoutKey()
    {
        await using var node = await TestNode.StartAsync("open", new Dictionary<string, string?> { ["Node:Security:Open"] = "true" });
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };

        var answer = await PostAsync(anonymous, HostileRequests.Reading("open-1"));
        var prototype = await anonymous.PostAsync(
            new Uri("/", UriKind.Relative),
            new StringContent("{\"sensor_id\":\"T_1\",\"status\":\"ACTIVE\",\"temperature\":22.4,\"timestamp\":\"2024-10-01 12:00:00\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, prototype.StatusCode);
    }

    [Fact]
    public async Task NodeWithPeersButNoCertificates_RefusesToStartUnlessOpen()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestNode.StartAsync(
            "plain", LoopbackPorts.Reserve(1)[0], [new Uri("http://127.0.0.1:1/")]));

        Assert.Contains("needs cluster certificates", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnCertificateNotSignedByTheClusterAuthority_StopsTheNodeWithTheFileNamed()
    {
        var foreign = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"foreign-{Guid.NewGuid():N}");
        ClusterCertificates.CreateAuthority(foreign, "Another cluster", DateTimeOffset.UtcNow);
        var stranger = ClusterCertificates.CreateNode(foreign, "stranger", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);
        var settings = TestCertificates.Settings(stranger with { Ca = TestCertificates.ForNode("x").Ca });
        settings["Node:ClusterUrls:0"] = $"https://127.0.0.1:{LoopbackPorts.Reserve(1)[0].ToString(CultureInfo.InvariantCulture)}/";

        var exception = await Assert.ThrowsAsync<NodeStartupException>(() => TestNode.StartAsync("stranger", settings));

        Assert.Contains(stranger.Certificate, exception.Message, StringComparison.Ordinal);
        Assert.Contains("not signed by the authority", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerWithCertificateFromAnotherAuthority_IsRefused_ClusterPeerIsNot()
    {
        var foreign = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"foreign-{Guid.NewGuid():N}");
        ClusterCertificates.CreateAuthority(foreign, "Another cluster", DateTimeOffset.UtcNow);
        var rogueFiles = ClusterCertificates.CreateNode(foreign, "rogue", ["localhost"], [IPAddress.Loopback], DateTimeOffset.UtcNow);
        var ports = LoopbackPorts.Reserve(4);
        var rogueUrl = $"https://127.0.0.1:{ports[1].ToString(CultureInfo.InvariantCulture)}/";
        var friendUrl = $"https://127.0.0.1:{ports[3].ToString(CultureInfo.InvariantCulture)}/";
        var rogueSettings = TestCertificates.Settings(rogueFiles);
        rogueSettings["Node:ClusterUrls:0"] = rogueUrl;
        var friendSettings = TestCertificates.Settings(TestCertificates.ForNode("friend"));
        friendSettings["Node:ClusterUrls:0"] = friendUrl;
        await using var rogue = await TestNode.StartAsync("rogue", ports[0], settings: rogueSettings);
        await using var friend = await TestNode.StartAsync("friend", ports[2], settings: friendSettings);
        await using var node = await TestNode.StartAsync(
            "home", LoopbackPorts.Reserve(1)[0], [new Uri(rogueUrl), new Uri(friendUrl)], TestCertificates.Settings(TestCertificates.ForNode("home")));
        var client = node.Services.GetRequiredService<PeerClient>();
        var peers = node.Services.GetRequiredService<PeerDirectory>().Peers;
        var report = new LoadReport("home", 0, 0, 1, 0, DateTimeOffset.UtcNow);

        var refused = await Assert.ThrowsAsync<PeerUnavailableException>(() =>
            client.ExchangeLoadAsync(peers.Single(peer => peer.BaseAddress.Port == ports[1]), report, CancellationToken.None));
        var (reply, _) = await client.ExchangeLoadAsync(peers.Single(peer => peer.BaseAddress.Port == ports[3]), report, CancellationToken.None);

        Assert.Equal(HttpRequestError.SecureConnectionError, (refused.InnerException as HttpRequestException)?.HttpRequestError);
        Assert.Equal("friend", reply.NodeId);
    }

    private static string Batch(string device, int firstSequence, int count) =>
        "[" + string.Join(',', Enumerable.Range(firstSequence, count).Select(sequence => HostileRequests.Reading(device, sequence))) + "]";

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync(new Uri("api/v1/readings", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
}
