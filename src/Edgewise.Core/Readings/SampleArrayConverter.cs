using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Edgewise.Readings;

/// <summary>
/// Reads a <c>samples</c> array straight into a float32 array of exactly its length, checking each
/// element as it goes: a non-number, a non-finite number or one beyond float32's range is noted
/// with its index instead of failing the whole body with a serializer message.
/// </summary>
/// <remarks>
/// The serializer hands a custom converter the whole value, so a copy of the reader can count the
/// elements before any array is allocated. The array's length is bounded by the body: every element
/// takes at least two bytes of JSON, so the floats never take more than twice the body's size.
/// </remarks>
internal sealed class SampleArrayConverter : JsonConverter<SampleArray>
{
    public override SampleArray Read(
        ref Utf8JsonReader reader,
        Type typeToConvert,
        JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var problem = "samples must be an array of numbers,"
                + $" not {RequestBody.Describe(reader.TokenType)}";
            reader.Skip();

            return new SampleArray([], problem);
        }

        var values = new float[CountElements(reader)];
        string? firstProblem = null;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            firstProblem ??= Store(ref reader, values, index);
            reader.Skip();
            index++;
        }

        return new SampleArray(values, firstProblem);
    }

    public override void Write(Utf8JsonWriter writer, SampleArray value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);

        writer.WriteStartArray();
        foreach (var sample in value.Values)
        {
            writer.WriteNumberValue(sample);
        }

        writer.WriteEndArray();
    }

    private static int CountElements(Utf8JsonReader reader)
    {
        // The reader is a struct passed by value: this walks a copy and leaves the caller's in place.
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            count++;
        }

        return count;
    }

    private static string? Store(ref Utf8JsonReader reader, float[] values, int index)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            // "NaN" and "Infinity" can only arrive as strings, since JSON has no such numbers.
            return reader.TokenType == JsonTokenType.String
                ? $"samples[{index}] must be a finite number, not a string"
                : $"samples[{index}] must be a number, not {RequestBody.Describe(reader.TokenType)}";
        }

        // The reader turns 1e400 into infinity rather than failing, so finiteness is checked here.
        if (!reader.TryGetDouble(out var sample) || !double.IsFinite(sample))
        {
            return $"samples[{index}] must be a finite number";
        }

        if (Math.Abs(sample) > float.MaxValue)
        {
            return $"samples[{index}] is {sample.ToString("G6", CultureInfo.InvariantCulture)},"
                + " beyond the range of a 32-bit float (±3.4E+38)";
        }

        values[index] = (float)sample;

        return null;
    }
}
