using System.Text.Json;

namespace Edgewise.Readings;

/// <summary>
/// Splits a request body into its items without deserializing them, so one bad reading in a
/// batch costs only itself while a syntax error anywhere refuses the whole body.
/// </summary>
internal static class RequestBody
{
    /// <summary>
    /// Fills <paramref name="items"/> with the byte range of the single object or of each array
    /// element; returns the error that makes the whole body unusable, or null.
    /// </summary>
    public static ReadingError? Split(
        ReadOnlySpan<byte> utf8Json,
        int maxItems,
        List<BodyItem> items,
        out bool isBatch,
        out int count)
    {
        isBatch = false;
        count = 0;
        if (IsBlank(utf8Json))
        {
            return Error("the body is empty; send a reading object or an array of readings");
        }

        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    count = 1;
                    items.Add(SkipItem(ref reader));
                    break;

                case JsonTokenType.StartArray:
                    isBatch = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        // Past the limit the elements are still skipped, so a syntax error later
                        // on is reported as such and Count tells the client how many it sent.
                        count++;
                        var item = SkipItem(ref reader);
                        if (count <= maxItems)
                        {
                            items.Add(item);
                        }
                    }

                    break;

                default:
                    return Error(
                        "the body must be a reading object or an array of readings,"
                            + $" not {Describe(reader.TokenType)}");
            }

            // Anything but whitespace after the top-level value makes the reader throw here.
            reader.Read();
        }
        catch (JsonException ex)
        {
            items.Clear();
            return Malformed(ex);
        }

        if (isBatch && count == 0)
        {
            return Error("the array holds no readings");
        }

        if (count > maxItems)
        {
            items.Clear();
            return Error(
                $"the body holds {count} readings; at most {maxItems} are accepted per request");
        }

        return null;
    }

    /// <summary>The error for a body that is not JSON, with the position the reader stopped at.</summary>
    public static ReadingError Malformed(JsonException ex) =>
        ex.LineNumber is { } line && ex.BytePositionInLine is { } position
            ? Error($"the body is not valid JSON (line {line + 1}, byte {position + 1})")
            : Error("the body is not valid JSON");

    /// <summary>True when the body holds nothing but JSON whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8Json) => utf8Json.Trim(" \t\r\n"u8).IsEmpty;

    /// <summary>Names a JSON token the way an error message should.</summary>
    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private static BodyItem SkipItem(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        var start = (int)reader.TokenStartIndex;
        reader.Skip();

        return new BodyItem(start, (int)reader.BytesConsumed - start, token);
    }

    private static ReadingError Error(string reason) => new(null, "$", reason);
}
