using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
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
    private const int MaxChannelLength = 64;

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
            ["samples"] = "an array of numbers",
            ["sampleRate"] = ExpectNumber,
            ["channel"] = ExpectString,
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
        ArgumentNullException.ThrowIfNull(options.Vibration, nameof(options.Vibration));
        options.Vibration.Validate();
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
    /// deviceId, kind, value, unit, timestamp, sequence and status. A vibration reading carries
    /// samples (numbers), sampleRate (Hz) and an optional channel instead of a value.
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
        catch (InvalidOperationException)
        {
            return ReadingParseResult.ForBody(UnpairedSurrogate(null), false, 0);
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
    /// Parses a binary vibration window: <paramref name="body"/> is the samples as little-endian
    /// float32, <paramref name="metadata"/> the query string's fields. The result holds one accepted
    /// reading, or one rejected reading naming the field at fault, or a body error when the body
    /// cannot be read as the declared samples (empty, not a multiple of 4 bytes, another count).
    /// </summary>
    public ReadingParseResult ParseVibrationBinary(ReadOnlySpan<byte> body, VibrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);

        if (BinaryBodyProblem(body, metadata.Samples) is { } bodyError)
        {
            return ReadingParseResult.ForBody(bodyError, false, 1);
        }

        if (TryValidate(body, metadata, out var reading, out var error))
        {
            return new ReadingParseResult([new IndexedReading(0, reading)], [], null, false, 1);
        }

        return new ReadingParseResult([], [error], null, false, 1);
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
            // Only scalar kinds have a place in this format; a vibration window is not a number.
            if (!_catalogue.TryGet(field, out var kind) || kind.Name == KindCatalogue.VibrationKind)
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

        var window = default(Window);
        error = IsVibration(kind)
            ? VibrationProblem(document, index, out window)
            : ScalarProblem(document, status, index);
        if (error is not null)
        {
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
            status)
        {
            Samples = window.Samples,
            SampleRate = window.SampleRate,
            Channel = window.Channel,
        };
        return true;
    }

    private bool TryValidate(
        ReadOnlySpan<byte> body,
        VibrationMetadata metadata,
        [NotNullWhen(true)] out Reading? reading,
        [NotNullWhen(false)] out ReadingError? error)
    {
        reading = null;
        error = null;
        if (ReadingText.DeviceIdProblem(metadata.DeviceId, "deviceId") is { } deviceProblem)
        {
            error = new ReadingError(null, "deviceId", deviceProblem);
            return false;
        }

        if (!TryKind(KindCatalogue.VibrationKind, out var kind, out var reason))
        {
            error = new ReadingError(null, "kind", reason);
            return false;
        }

        if (!TryStatus(metadata.Status, "status", out var status, out reason))
        {
            error = new ReadingError(null, "status", reason);
            return false;
        }

        var count = body.Length / sizeof(float);
        if (SampleCountProblem(count) is { } countProblem)
        {
            error = new ReadingError(null, "samples", countProblem);
            return false;
        }

        var samples = ReadLittleEndian(body);
        if (NonFiniteSampleProblem(samples) is { } sampleProblem)
        {
            error = new ReadingError(null, "samples", sampleProblem);
            return false;
        }

        if (!TryReadSampleRate(metadata.SampleRate, out var sampleRate, out reason))
        {
            error = new ReadingError(null, "sampleRate", reason);
            return false;
        }

        if (ChannelProblem(metadata.Channel) is { } channelProblem)
        {
            error = new ReadingError(null, "channel", channelProblem);
            return false;
        }

        if (!_timestamps.TryRead(metadata.Timestamp, "timestamp", out var timestamp, out reason))
        {
            error = new ReadingError(null, "timestamp", reason);
            return false;
        }

        if (!TryReadWholeNumber(metadata.Sequence, "sequence", out var sequence, out reason))
        {
            error = new ReadingError(null, "sequence", reason);
            return false;
        }

        reading = new Reading(metadata.DeviceId!, kind.Name, null, kind.Unit, timestamp, sequence, status)
        {
            Samples = samples,
            SampleRate = sampleRate,
            Channel = metadata.Channel,
        };
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

    private static bool IsVibration(KindDefinition kind) =>
        string.Equals(kind.Name, KindCatalogue.VibrationKind, StringComparison.OrdinalIgnoreCase);

    private static ReadingError? ScalarProblem(ReadingDocument document, ReadingStatus status, int? index)
    {
        var stray = document.Samples is not null ? "samples"
            : document.SampleRate is not null ? "sampleRate"
            : document.Channel is not null ? "channel"
            : null;
        if (stray is not null)
        {
            return new ReadingError(index, stray, $"{stray} belongs only to a vibration reading");
        }

        return ValueProblem(document.Value, status, "value") is { } valueProblem
            ? new ReadingError(index, "value", valueProblem)
            : null;
    }

    private ReadingError? VibrationProblem(ReadingDocument document, int? index, out Window window)
    {
        window = default;
        if (document.Value is not null)
        {
            return new ReadingError(
                index,
                "value",
                "a vibration reading has no value; send its window as samples with a sampleRate");
        }

        if (document.Samples is not { } samples)
        {
            return new ReadingError(index, "samples", "samples is required for a vibration reading");
        }

        var problem = samples.Problem ?? SampleCountProblem(samples.Values.Length);
        if (problem is not null)
        {
            return new ReadingError(index, "samples", problem);
        }

        if (document.SampleRate is not { } sampleRate)
        {
            return new ReadingError(index, "sampleRate", "sampleRate is required for a vibration reading");
        }

        if (SampleRateProblem(sampleRate) is { } rateProblem)
        {
            return new ReadingError(index, "sampleRate", rateProblem);
        }

        if (ChannelProblem(document.Channel) is { } channelProblem)
        {
            return new ReadingError(index, "channel", channelProblem);
        }

        window = new Window(samples.Values, sampleRate, document.Channel);

        return null;
    }

    private string? SampleCountProblem(int count)
    {
        var limits = _options.Vibration;
        return count < limits.MinSamples || count > limits.MaxSamples
            ? $"samples holds {count} values; a window needs {limits.MinSamples} to {limits.MaxSamples}"
            : null;
    }

    private string? SampleRateProblem(double sampleRate)
    {
        var limits = _options.Vibration;
        if (!double.IsFinite(sampleRate))
        {
            return "sampleRate must be a finite number of Hz";
        }

        return sampleRate < limits.MinSampleRateHz || sampleRate > limits.MaxSampleRateHz
            ? $"sampleRate must be between {limits.MinSampleRateHz} and {limits.MaxSampleRateHz} Hz,"
                + $" not {sampleRate.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }

    private bool TryReadSampleRate(string? text, out double sampleRate, out string reason)
    {
        reason = string.Empty;
        sampleRate = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = "sampleRate is required for a vibration reading";
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out sampleRate))
        {
            reason = $"sampleRate '{ReadingText.Echo(text)}' is not a number of Hz";
            return false;
        }

        reason = SampleRateProblem(sampleRate) ?? string.Empty;

        return reason.Length == 0;
    }

    private static string? ChannelProblem(string? channel)
    {
        if (channel is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(channel))
        {
            return "channel must not be empty; leave it out instead";
        }

        if (channel.Length > MaxChannelLength)
        {
            return $"channel is {channel.Length} characters long; at most {MaxChannelLength} are allowed";
        }

        return channel.Any(char.IsControl) ? "channel must not contain control characters" : null;
    }

    private static string? NonFiniteSampleProblem(float[] samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return $"samples[{i}] must be a finite number";
            }
        }

        return null;
    }

    private static ReadingError? BinaryBodyProblem(ReadOnlySpan<byte> body, string? declared)
    {
        if (body.IsEmpty)
        {
            return new ReadingError(null, "$", "the body is empty; send the samples as little-endian float32");
        }

        if (body.Length % sizeof(float) != 0)
        {
            return new ReadingError(
                null,
                "$",
                $"the body is {body.Length} bytes, not a whole number of 4-byte float32 samples");
        }

        if (declared is null)
        {
            return null;
        }

        if (!TryReadWholeNumber(declared, "samples", out var count, out var reason))
        {
            return new ReadingError(null, "samples", reason);
        }

        var held = body.Length / sizeof(float);
        return held != count
            ? new ReadingError(null, "samples", $"the body holds {held} samples but samples declares {count}")
            : null;
    }

    private static bool TryReadWholeNumber(string? text, string field, out long number, out string reason)
    {
        reason = string.Empty;
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = $"{field} is required";
            return false;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            reason = $"{field} must be a whole number ≥ 0, not '{ReadingText.Echo(text)}'";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Copies little-endian float32 samples out of <paramref name="body"/>, whose length is a
    /// multiple of 4. On a little-endian host that is one block copy, which also needs no
    /// alignment; a big-endian host swaps each sample's bytes.
    /// </summary>
    private static float[] ReadLittleEndian(ReadOnlySpan<byte> body)
    {
        var samples = new float[body.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            body.CopyTo(MemoryMarshal.AsBytes(samples.AsSpan()));
            return samples;
        }

        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(body.Slice(i * sizeof(float)));
        }

        return samples;
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
        catch (InvalidOperationException)
        {
            // Valid JSON syntax, but a \u escape that is half a UTF-16 pair: no .NET string.
            error = UnpairedSurrogate(index);
            return null;
        }
    }

    private static ReadingError UnpairedSurrogate(int? index) =>
        new(index, "$", "a string holds half of a UTF-16 surrogate pair (a lone \\uD800-\\uDFFF escape)");

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
            string name;
            try
            {
                name = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return null;
            }

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

    /// <summary>The validated window of a vibration reading; all null for a scalar one.</summary>
    private readonly record struct Window(float[]? Samples, double? SampleRate, string? Channel);

    private readonly record struct SensorValue(
        int Index,
        string Field,
        KindDefinition Kind,
        double Value,
        string? Reason);
}
