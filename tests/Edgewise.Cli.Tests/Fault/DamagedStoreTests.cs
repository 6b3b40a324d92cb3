using Edgewise.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Edgewise.Cli.Tests.Fault;

/// <summary>A node whose store file is damaged or locked stops with one clear line, not a stack trace.</summary>
[Trait("Category", "Fault")]
public sealed class DamagedStoreTests
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CorruptStoreFile_StopsTheNodeWithAClearMessage()
    {
        var address = NodeAddress.Create("corrupt");
        Directory.CreateDirectory(address.DataDirectory);
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(address.DataDirectory, "edgewise.db"), garbage);

        await using var node = ChildNode.Start(address, [], "local", workers: 1);
        var output = await ExitOutputAsync(node);

        Assert.Equal(2, node.ExitCode);
        Assert.Contains("is damaged or not a node store", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreFileLockedByAnotherProgram_StopsTheNodeWithAClearMessage()
    {
        var address = NodeAddress.Create("locked");
        await using (var first = ChildNode.Start(address, [], "local", workers: 1))
        {
            await first.WaitHealthyAsync(Exit);
            await first.TerminateAsync(Exit);
        }

        var path = Path.Combine(address.DataDirectory, "edgewise.db");
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        await using var transaction = (SqliteTransaction)await holder.BeginTransactionAsync();
        await using (var write = holder.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = "CREATE TABLE holding_the_lock (x INTEGER)";
            await write.ExecuteNonQueryAsync();
        }

        await using var node = ChildNode.Start(address, [], "local", workers: 1);
        var output = await ExitOutputAsync(node);

        Assert.Equal(2, node.ExitCode);
        Assert.Contains("is locked by another program", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<string> ExitOutputAsync(ChildNode node)
    {
        await node.WaitForExitAsync(Exit);

        return node.Output;
    }
}
