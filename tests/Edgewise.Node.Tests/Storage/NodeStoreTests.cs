using Edgewise.Node.Hosting;
using Edgewise.Node.Storage;
using Edgewise.Node.Tests.Fakes;
using Edgewise.Placement;
using Edgewise.Readings;
using Edgewise.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edgewise.Node.Tests.Storage;

public sealed class NodeStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"store-{Guid.NewGuid():N}");
    private readonly ManualTimeProvider _time = new(Now);

    [Fact]
    public async Task Complete_SameTaskTwice_StoresItsResultOnce()
    {
        var readings = Readings("twice", 1, 2, 3);
        using (var store = Open())
        {
            await store.AdmitAsync(readings, 0, nodeNumbered: false);
            var task = Task("task-1", readings);
            await store.CompleteAsync(Completion(task, "peer-a"));
            await store.CompleteAsync(Completion(task, "peer-b"));
        }

        var audit = StoreAudit.Read(_directory);
        Assert.True(audit.ExactlyOnce);
        Assert.Equal(3, audit.Results);
        Assert.Equal(3, audit.ProcessedBy["peer-a"]);
        Assert.False(audit.ProcessedBy.ContainsKey("peer-b"));
    }

    [Fact]
    public async Task Reopen_KnowsAcceptedSequencesAndReturnsReadingsWithoutResults()
    {
        using (var store = Open())
        {
            var first = Readings("reopen", 1, 2);
            await store.AdmitAsync(first, 0, nodeNumbered: false);
            await store.CompleteAsync(Completion(Task("done", first), "here"));
            await store.AdmitAsync(Readings("reopen", 3, 5), 0, nodeNumbered: false);
        }

        using var reopened = Open();
        var unfinished = reopened.LoadUnfinished();
        var again = await reopened.AdmitAsync(Readings("reopen", 2, 4, 5), 0, nodeNumbered: false);
        var numbered = await reopened.AdmitAsync(Readings("reopen", 0), 0, nodeNumbered: true);

        Assert.Equal([3L, 5L], unfinished.Select(reading => reading.Sequence));
        Assert.Equal([false, true, false], again.Select(admitted => admitted.Fresh));
        Assert.Equal(6, numbered.Single().Sequence);
    }

    [Fact]
    public async Task Prune_DeletesOldProcessedRowsAndKeepsReadingsStillWaitingForResults()
    {
        using var store = Open();
        var processed = Readings("old", 1, 2);
        await store.AdmitAsync(processed, _time.GetUtcNow().ToUnixTimeMilliseconds(), nodeNumbered: false);
        await store.CompleteAsync(Completion(Task("old-task", processed), "here"));
        await store.AdmitAsync(Readings("waiting", 1), _time.GetUtcNow().ToUnixTimeMilliseconds(), nodeNumbered: false);
        _time.Advance(TimeSpan.FromDays(8));

        var deleted = await store.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), maxBytes: long.MaxValue);
        var again = await store.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), maxBytes: long.MaxValue);
        store.Dispose();

        var audit = StoreAudit.Read(_directory);
        Assert.Equal(2, deleted);
        Assert.Equal(0, again);
        Assert.Equal([("waiting", 1L)], audit.AcceptedKeys);
        Assert.Equal(0, audit.Results);
    }

    [Fact]
    public async Task Prune_OverTheSizeLimit_DeletesProcessedRowsWhateverTheirAge()
    {
        using var store = Open();
        for (var i = 0; i < 20; i++)
        {
            var readings = Readings($"device-{i}", Enumerable.Range(1, 200).Select(s => (long)s).ToArray());
            await store.AdmitAsync(readings, _time.GetUtcNow().ToUnixTimeMilliseconds(), nodeNumbered: false);
            await store.CompleteAsync(Completion(Task($"task-{i}", readings), "here"));
        }

        var deleted = await store.PruneAsync(_time.GetUtcNow() - TimeSpan.FromDays(7), maxBytes: 4096);
        store.Dispose();

        Assert.True(deleted >= 40, $"deleted {deleted}");
        Assert.Empty(StoreAudit.Read(_directory).AcceptedKeys);
    }

    [Fact]
    public void Open_FileOfAnotherSchemaVersion_RefusesNamingTheVersion()
    {
        Directory.CreateDirectory(_directory);
        using (var connection = NodeStore.Open(Path.Combine(_directory, Schema.FileName)))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE readings (x INTEGER); PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        var exception = Assert.Throws<NodeStartupException>(Open);

        Assert.Contains("schema version 1", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private NodeStore Open() => new(_directory, _time, NullLogger<NodeStore>.Instance);

    private static Reading[] Readings(string deviceId, params long[] sequences) =>
    [
        .. sequences.Select(sequence => new Reading(
            deviceId, "temperature", 20 + sequence, "°C", Now, sequence, ReadingStatus.Active)),
    ];

    private static WorkTask Task(string taskId, IReadOnlyList<Reading> readings) =>
        new(taskId, "here", readings[0].DeviceId, TaskKind.Scalar, readings, [], Now);

    private StoreCommand.Complete Completion(WorkTask task, string processedBy) => new(
        task,
        new TaskOutcome(
            task.TaskId,
            processedBy,
            [.. task.Readings.Select(reading => new ReadingOutcome(reading.Sequence, reading.Kind, false, null, false))],
            [],
            0.1),
        processedBy,
        1,
        1.0,
        _time.GetUtcNow().ToUnixTimeMilliseconds());
}
