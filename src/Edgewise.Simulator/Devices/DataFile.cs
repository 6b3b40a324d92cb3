using System.IO.Compression;
using System.Text;

namespace Edgewise.Simulator.Devices;

/// <summary>Opens a data file as text, decompressing it when its name ends in .gz.</summary>
internal static class DataFile
{
    public static TextReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, Encoding.UTF8);
    }
}
