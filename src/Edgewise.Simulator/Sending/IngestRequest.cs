using System.Net.Http.Headers;
using Edgewise.Simulator.Devices;

namespace Edgewise.Simulator.Sending;

/// <summary>One request's share of a device tick: the readings it carries, written for the wire.</summary>
/// <param name="Readings">The readings, in tick order; a receipt's indexes refer to this list.</param>
/// <param name="Body">The request body.</param>
/// <param name="Query">The query string without '?', or null when the body carries every field.</param>
/// <param name="ContentType">The body's media type.</param>
internal sealed record IngestRequest(
    IReadOnlyList<SimulatedReading> Readings,
    byte[] Body,
    string? Query,
    MediaTypeHeaderValue ContentType)
{
    /// <summary>A fresh content object for one attempt; an HTTP request disposes its content.</summary>
    public ByteArrayContent Content()
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = ContentType;

        return content;
    }
}
