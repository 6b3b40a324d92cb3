using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Edgewise.Node.Ingest;

/// <summary>Reads a request body into memory, refusing it as soon as it passes the size limit.</summary>
internal static class BodyReader
{
    /// <summary>Returns the body, or null when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlySequence<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (result.Buffer.Length > limit)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);

                return null;
            }

            if (result.IsCompleted)
            {
                return result.Buffer;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
