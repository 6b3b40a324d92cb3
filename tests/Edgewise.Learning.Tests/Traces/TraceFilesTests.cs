using Edgewise.Learning.Tests.Infrastructure;
using Edgewise.Learning.Traces;
using Parquet;
using Parquet.Schema;

namespace Edgewise.Learning.Tests.Traces;

public sealed class TraceFilesTests
{
    [Fact]
    public async Task Written_traces_read_back_equal()
    {
        using var directory = new TempDirectory();
        var written = Enumerable.Range(0, 300).Select(i => SyntheticTraces.Trace(i, latencyMs: 3 + i)).ToList();
        await using (var writer = new TraceWriter(directory.Path))
        {
            written.ForEach(writer.Write);
        }

        var read = TraceReader.ReadAll([directory.Path]);

        Assert.Equal(written, read);
    }

    [Fact]
    public async Task A_writer_rotates_files_at_the_size_limit_and_loses_no_row()
    {
        using var directory = new TempDirectory();
        await using (var writer = new TraceWriter(directory.Path, maxFileBytes: 4096, flushInterval: TimeSpan.FromMilliseconds(1)))
        {
            for (var i = 0; i < 2000; i++)
            {
                writer.Write(SyntheticTraces.Trace(i));
                if (i % 200 == 199)
                {
                    // Let the writer cut row groups, so the size check sees each of them.
                    await WaitUntil(() => writer.Written >= i + 1);
                }
            }
        }

        var files = TraceFiles.Expand([directory.Path]);
        Assert.True(files.Count > 1, $"expected several files, got {files.Count}");
        Assert.Empty(Directory.GetFiles(directory.Path, "*" + TraceFiles.PartialExtension));
        Assert.Equal(2000, TraceReader.ReadAll([directory.Path]).Count);
    }

    [Fact]
    public async Task A_file_without_a_column_is_refused_naming_the_file_and_column()
    {
        using var directory = new TempDirectory();
        var path = directory.File("missing.parquet");
        var latency = new DataField<double>("latencyMs");
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(latency), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(latency, new double[] { 1, 2 });
        }

        var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("missing column(s) taskId", error.Message, StringComparison.Ordinal);
        Assert.Contains("queueLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_NaN_latency_is_refused_naming_the_file_row_and_column()
    {
        using var directory = new TempDirectory();
        await using (var writer = new TraceWriter(directory.Path))
        {
            writer.Write(SyntheticTraces.Trace(0));
            writer.Write(SyntheticTraces.Trace(1));
            writer.Write(SyntheticTraces.Trace(2, latencyMs: double.NaN));
        }

        var path = Assert.Single(TraceFiles.Expand([directory.Path]));
        var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(path));

        Assert.Equal($"{path}, row 3: latencyMs is NaN.", error.Message);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_naming_the_file()
    {
        using var directory = new TempDirectory();
        await using (var writer = new TraceWriter(directory.Path))
        {
            writer.Write(SyntheticTraces.Trace(0));
        }

        var path = Assert.Single(TraceFiles.Expand([directory.Path]));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<TraceFormatException>(() => TraceReader.Read(path));

        Assert.StartsWith($"{path}: not a readable trace file", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5);
        }
    }
}
