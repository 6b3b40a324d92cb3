using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Edgewise.Readings;

/// <summary>
/// Turns request bodies into validated readings: the native API's format and the two formats of
/// the original prototype. Stateless after construction and safe to share between requests.
/// </summary>
public sealed class ReadingParser
{
    private const string ExpectString = "a string";
    private const string ExpectNumber = "a number";
    private const string SensorDataExample = "{\"temperature\": 25.1, \"energy\": 61.0}";

    private static readonly FrozenDictionary<string, string> _nativeFields =
        new Dictionary<string, string>
        {
            ["deviceId"] = ExpectString,
            ["kind"] = ExpectString,
            ["value"] = ExpectNumber,
            ["unit"] = ExpectString,
            ["timestamp"] = ExpectString,
            ["sequence"] = "a whole number",
            ["status"] = ExpectString,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> _prototypeFields =
        new Dictionary<string, string>
        {
            ["sensor_id"] = ExpectString,
            ["status"] = ExpectString,
            ["temperature"] = ExpectNumber,
            ["timestamp"] = ExpectString,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly KindCatalogue _catalogue;
    private readonly ReadingParserOptions _options;
    private readonly TimeProvider _time;
    private readonly TimestampReader _timestamps;
    private readonly string _knownKinds;

    /// <summary>Creates a parser that accepts the kinds of <paramref name="catalogue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public ReadingParser(KindCatalogue catalogue, ReadingParserOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options.LocalTimeZone, nameof(options.LocalTimeZone));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            options.MaxReadingsPerRequest,
            1,
            nameof(options.MaxReadingsPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(
            options.MaxFutureSkew,
            TimeSpan.Zero,
            nameof(options.MaxFutureSkew));

        _catalogue = catalogue;
        _options = options;
        _time = time;
        _timestamps = new TimestampReader(options, time);
        _knownKinds = string.Join(
            ", ",
            catalogue.Kinds.Select(k => k.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Parses a native API body: one reading object or an array of them, camelCase, with
    /// deviceId, kind, value, unit, timestamp, sequence and status.
    /// </summary>
    public ReadingParseResult Parse(ReadOnlySpan<byte> utf8Json) => ParseItems(
        utf8Json,
        ReadingDocumentJsonContext.Default.ReadingDocument,
        _nativeFields,
        TryValidate);

    /// <summary>
    /// Parses the original prototype's body, one object or an array of them:
    /// <c>{"sensor_id": "T_1", "status": "ACTIVE", "temperature": 22.4, "timestamp": "2024-10-01 12:00:00"}</c>.
    /// Each becomes a temperature reading numbered by <paramref name="sequences"/>.
    /// </summary>
    public ReadingParseResult ParsePrototype(ReadOnlySpan<byte> utf8Json, ISequenceSource sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);

        return ParseItems(
            utf8Json,
            ReadingDocumentJsonContext.Default.PrototypeDocument,
            _prototypeFields,
            (
                PrototypeDocument document,
                int? index,
                [NotNullWhen(true)] out Reading? reading,
                [NotNullWhen(false)] out ReadingError? error) =>
                TryValidate(document, index, sequences, out reading, out error));
    }

    /// <summary>
    /// Parses the prototype's earlier /sensor-data body, <c>{"temperature": 25.1, "energy": 61.0}</c>:
    /// one active reading, stamped now, per property named after a kind in the catalogue. Other
    /// properties are ignored; an object with no kind property is refused whole.
    /// </summary>
    public ReadingParseResult ParseSensorData(
        ReadOnlySpan<byte> utf8Json,
        string deviceId,
        ISequenceSource sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);

        if (ReadingText.DeviceIdProblem(deviceId, "deviceId") is { } deviceProblem)
        {
            var error = new ReadingError(null, "deviceId", deviceProblem);
            return ReadingParseResult.ForBody(error, false, 0);
        }

        if (RequestBody.IsBlank(utf8Json))
        {
            var reason = $"the body is empty; send an object such as {SensorDataExample}";
            return ReadingParseResult.ForBody(new ReadingError(null, "$", reason), false, 0);
        }

        var values = new List<SensorValue>();
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                var reason = $"the body must be an object such as {SensorDataExample},"
                    + $" not {RequestBody.Describe(reader.TokenType)}";
                return ReadingParseResult.ForBody(new ReadingError(null, "$", reason), false, 0);
            }

            ReadSensorValues(ref reader, values);
            reader.Read();
        }
        catch (JsonException ex)
        {
            return ReadingParseResult.ForBody(RequestBody.Malformed(ex), false, 0);
        }

        if (values.Count == 0)
        {
            var reason = "the body holds no reading;"
                + $" expected at least one of {_knownKinds} as a number";
            return ReadingParseResult.ForBody(new ReadingError(null, "$", reason), false, 0);
        }

        // Sequences are drawn only once the whole body is known to be usable, and only for the
        // readings that validated, so a refused body leaves no gap in the device's numbering.
        var now = _time.GetUtcNow();
        var accepted = new List<IndexedReading>(values.Count);
        var rejected = new List<ReadingError>();
        foreach (var (index, field, kind, value, reason) in values)
        {
            if (reason is not null)
            {
                rejected.Add(new ReadingError(null, field, reason));
                continue;
            }

            var reading = new Reading(
                deviceId,
                kind.Name,
                value,
                kind.Unit,
                now,
                sequences.Next(deviceId),
                ReadingStatus.Active);
            accepted.Add(new IndexedReading(index, reading));
        }

        return new ReadingParseResult(accepted, rejected, null, false, values.Count);
    }

    /// <summary>
    /// Splits a body into its items (one object, or the elements of an array), deserialises each
    /// as <typeparamref name="T"/> and validates it, so one bad item costs only itself. Items are
    /// validated in body order, which the prototype format relies on for its sequence numbers.
    /// </summary>
    private ReadingParseResult ParseItems<T>(
        ReadOnlySpan<byte> utf8Json,
        JsonTypeInfo<T> typeInfo,
        FrozenDictionary<string, string> fields,
        Validator<T> validate)
        where T : class
    {
        var items = new List<BodyItem>();
        var bodyError = RequestBody.Split(
            utf8Json,
            _options.MaxReadingsPerRequest,
            items,
            out var isBatch,
            out var count);
        if (bodyError is not null)
        {
            return ReadingParseResult.ForBody(bodyError, isBatch, count);
        }

        var accepted = new List<IndexedReading>(items.Count);
        var rejected = new List<ReadingError>();
        for (var i = 0; i < items.Count; i++)
        {
            int? errorIndex = isBatch ? i : null;
            var item = utf8Json.Slice(items[i].Start, items[i].Length);
            var document = Deserialize(item, items[i].Token, typeInfo, fields, errorIndex, out var error);
            if (document is not null && validate(document, errorIndex, out var reading, out error))
            {
                accepted.Add(new IndexedReading(i, reading));
            }
            else
            {
                rejected.Add(error!);
            }
        }

        return new ReadingParseResult(accepted, rejected, null, isBatch, count);
    }

    private void ReadSensorValues(
        ref Utf8JsonReader reader,
        List<SensorValue> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.GetString()!;
            reader.Read();
            if (!_catalogue.TryGet(field, out var kind))
            {
                reader.Skip();
                continue;
            }

            string? reason = null;
            var value = 0d;
            if (!seen.Add(kind.Name))
            {
                reason = $"{field} appears more than once";
            }
            else if (reader.TokenType != JsonTokenType.Number)
            {
                reason = $"{field} must be a number, not {RequestBody.Describe(reader.TokenType)}";
            }
            else if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
            {
                reason = $"{field} must be a finite number";
            }

            reader.Skip();
            values.Add(new SensorValue(values.Count, field, kind, value, reason));
        }
    }

    private bool TryValidate(
        ReadingDocument document,
        int? index,
        [NotNullWhen(true)] out Reading? reading,
        [NotNullWhen(false)] out ReadingError? error)
    {
        reading = null;
        error = null;
        if (ReadingText.DeviceIdProblem(document.DeviceId, "deviceId") is { } deviceProblem)
        {
            error = new ReadingError(index, "deviceId", deviceProblem);
            return false;
        }

        if (!TryKind(document.Kind, out var kind, out var reason))
        {
            error = new ReadingError(index, "kind", reason);
            return false;
        }

        if (document.Unit is not null
            && !string.Equals(document.Unit, kind.Unit, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"unit '{ReadingText.Echo(document.Unit)}' does not match the unit of {kind.Name},"
                + $" which is '{kind.Unit}'";
            error = new ReadingError(index, "unit", reason);
            return false;
        }

        if (!TryStatus(document.Status, "status", out var status, out reason))
        {
            error = new ReadingError(index, "status", reason);
            return false;
        }

        if (ValueProblem(document.Value, status, "value") is { } valueProblem)
        {
            error = new ReadingError(index, "value", valueProblem);
            return false;
        }

        if (!_timestamps.TryRead(document.Timestamp, "timestamp", out var timestamp, out reason))
        {
            error = new ReadingError(index, "timestamp", reason);
            return false;
        }

        if (document.Sequence is not { } sequence)
        {
            error = new ReadingError(index, "sequence", "sequence is required");
            return false;
        }

        if (sequence < 0)
        {
            error = new ReadingError(index, "sequence", $"sequence must be 0 or more, not {sequence}");
            return false;
        }

        reading = new Reading(
            document.DeviceId!,
            kind.Name,
            document.Value,
            kind.Unit,
            timestamp,
            sequence,
            status);
        return true;
    }

    private bool TryValidate(
        PrototypeDocument document,
        int? index,
        ISequenceSource sequences,
        [NotNullWhen(true)] out Reading? reading,
        [NotNullWhen(false)] out ReadingError? error)
    {
        reading = null;
        error = null;
        if (ReadingText.DeviceIdProblem(document.SensorId, "sensor_id") is { } deviceProblem)
        {
            error = new ReadingError(index, "sensor_id", deviceProblem);
            return false;
        }

        if (!TryStatus(document.Status, "status", out var status, out var reason))
        {
            error = new ReadingError(index, "status", reason);
            return false;
        }

        if (!TryKind("temperature", out var kind, out reason))
        {
            error = new ReadingError(index, "temperature", reason);
            return false;
        }

        if (ValueProblem(document.Temperature, status, "temperature") is { } valueProblem)
        {
            error = new ReadingError(index, "temperature", valueProblem);
            return false;
        }

        if (!_timestamps.TryRead(document.Timestamp, "timestamp", out var timestamp, out reason))
        {
            error = new ReadingError(index, "timestamp", reason);
            return false;
        }

        var deviceId = document.SensorId!;
        reading = new Reading(
            deviceId,
            kind.Name,
            document.Temperature,
            kind.Unit,
            timestamp,
            sequences.Next(deviceId),
            status);
        return true;
    }

    private bool TryKind(string? name, [NotNullWhen(true)] out KindDefinition? kind, out string reason)
    {
        kind = null;
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(name))
        {
            reason = "kind is required";
            return false;
        }

        if (!_catalogue.TryGet(name, out kind))
        {
            reason = $"kind '{ReadingText.Echo(name)}' is not in the catalogue (known: {_knownKinds})";
            return false;
        }

        return true;
    }

    private static bool TryStatus(
        string? text,
        string field,
        out ReadingStatus status,
        out string reason)
    {
        reason = string.Empty;
        status = ReadingStatus.Active;
        if (text is null || text.Equals("ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("INACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            status = ReadingStatus.Inactive;
            return true;
        }

        if (text.Equals("ERROR", StringComparison.OrdinalIgnoreCase))
        {
            status = ReadingStatus.Error;
            return true;
        }

        reason = $"{field} '{ReadingText.Echo(text)}' is not one of ACTIVE, INACTIVE, ERROR";
        return false;
    }

    private static string? ValueProblem(double? value, ReadingStatus status, string field)
    {
        if (value is not { } number)
        {
            return status == ReadingStatus.Active ? $"{field} is required when status is ACTIVE" : null;
        }

        // The reader turns 1e400 into infinity rather than failing, so finiteness is checked here.
        return double.IsFinite(number) ? null : $"{field} must be a finite number";
    }

    private static T? Deserialize<T>(
        ReadOnlySpan<byte> item,
        JsonTokenType token,
        JsonTypeInfo<T> typeInfo,
        FrozenDictionary<string, string> fields,
        int? index,
        out ReadingError? error)
        where T : class
    {
        error = null;
        if (token != JsonTokenType.StartObject)
        {
            var reason = $"expected a reading object, not {RequestBody.Describe(token)}";
            error = new ReadingError(index, "$", reason);
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(item, typeInfo)
                ?? throw new JsonException();
        }
        catch (JsonException ex)
        {
            // The serializer's own message names .NET types; only its path is passed on.
            error = DescribeFailure(item, ex.Path, fields, index);
            return null;
        }
    }

    private static ReadingError DescribeFailure(
        ReadOnlySpan<byte> item,
        string? path,
        FrozenDictionary<string, string> fields,
        int? index)
    {
        if (FindDuplicate(item, fields) is { } duplicate)
        {
            return new ReadingError(index, duplicate, $"{duplicate} appears more than once");
        }

        var field = FieldOf(path);
        var reason = fields.TryGetValue(field, out var expected)
            ? $"{field} must be {expected}"
            : $"{field} has a value of the wrong type";

        return new ReadingError(index, field, reason);
    }

    // Only reached on failure, so the extra pass costs nothing on the common path.
    private static string? FindDuplicate(
        ReadOnlySpan<byte> item,
        FrozenDictionary<string, string> fields)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(item);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (fields.ContainsKey(name) && !seen.Add(name))
            {
                return name;
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        if (path.StartsWith("$['", StringComparison.Ordinal))
        {
            var end = path.IndexOf("']", 3, StringComparison.Ordinal);
            return end > 3 ? path[3..end] : "$";
        }

        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            var rest = path.AsSpan(2);
            var end = rest.IndexOfAny('.', '[');
            return (end < 0 ? rest : rest[..end]).ToString();
        }

        return "$";
    }

    private delegate bool Validator<in T>(
        T document,
        int? index,
        [NotNullWhen(true)] out Reading? reading,
        [NotNullWhen(false)] out ReadingError? error);

    private readonly record struct SensorValue(
        int Index,
        string Field,
        KindDefinition Kind,
        double Value,
        string? Reason);
}
