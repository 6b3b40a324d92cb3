using System.IO.Compression;
using System.Text;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Vibration;

public sealed class ImsBearingFileTests
{
    [Fact]
    public void Read_Snapshot_GivesEightFullChannelsWithTheKnownOffset()
    {
        var channels = ImsTestData.Read(ImsTestData.First);

        Assert.Equal(ImsBearingFile.Channels, channels.Length);
        Assert.All(channels, c => Assert.Equal(ImsBearingFile.SamplesPerChannel, c.Length));
        // The data set's README gives a mean of -0.095 for channel 1 of this file.
        Assert.Equal(-0.095, channels[0].Average(x => (double)x), tolerance: 0.0015);
    }

    [Fact]
    public void Read_LevelShiftSnapshot_ShowsChannel7Offset()
    {
        var channels = ImsTestData.Read(ImsTestData.Channel7LevelShift);

        Assert.Equal(-0.229, channels[6].Average(x => (double)x), tolerance: 0.0015);
    }

    [Fact]
    public void Read_RowWithSevenFields_ThrowsNamingTheLine()
    {
        var text = new StringBuilder()
            .Append("0.1\t0.1\t0.1\t0.1\t0.1\t0.1\t0.1\t0.1\n")
            .Append("0.1\t0.1\t0.1\t0.1\t0.1\t0.1\t0.1\n")
            .ToString();

        var ex = Assert.Throws<InvalidDataException>(() => ImsBearingFile.Read(Gzip(text), "bad"));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShortFile_ThrowsWithRowCount()
    {
        var ex = Assert.Throws<InvalidDataException>(
            () => ImsBearingFile.Read(Gzip("1\t2\t3\t4\t5\t6\t7\t8\n"), "short"));

        Assert.Contains("1 rows", ex.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Gzip(string text)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        stream.Position = 0;

        return stream;
    }
}
