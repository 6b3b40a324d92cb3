using Edgewise.Node.Storage;

namespace Edgewise.Node.Tests.Storage;

public sealed class FileRetentionTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgewise-tests", $"traces-{Guid.NewGuid():N}");

    [Fact]
    public void Prune_DeletesFilesPastTheAgeThenTheOldestOverTheBudget_KeepingTheNewest()
    {
        Write("a.parquet", 100, Now.AddDays(-10));
        Write("b.parquet", 100, Now.AddHours(-3));
        Write("c.parquet", 100, Now.AddHours(-2));
        Write("d.parquet", 100, Now.AddHours(-1));

        var deleted = FileRetention.Prune(_directory, new DateTimeOffset(Now.AddDays(-7)), maxBytes: 200);

        Assert.Equal(2, deleted);
        Assert.Equal(["c.parquet", "d.parquet"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Prune_KeepsTheNewestFileEvenOverTheBudget()
    {
        Write("only.parquet", 1000, Now.AddDays(-30));

        var deleted = FileRetention.Prune(_directory, new DateTimeOffset(Now), maxBytes: 10);

        Assert.Equal(0, deleted);
        Assert.Equal(0, FileRetention.Prune(Path.Combine(_directory, "missing"), new DateTimeOffset(Now), 10));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private void Write(string name, int bytes, DateTime lastWrite)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, lastWrite);
    }
}
