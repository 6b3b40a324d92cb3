using System.Globalization;
using Edgewise.Readings;
using Edgewise.Vibration;

namespace Edgewise.Core.Tests.Readings;

public sealed class ReadingParserVibrationTests
{
    private const int Count = 256;

    private readonly ReadingParser _parser = Parsers.Create();

    [Fact]
    public void Parse_VibrationReading_KeepsSamplesRateAndChannel()
    {
        var samples = Ramp(Count);

        var result = _parser.Parse(Parsers.Utf8(Json(Numbers(samples), channel: "\"ch1\"")));

        Assert.Empty(result.Rejected);
        var reading = Assert.Single(result.Accepted).Reading;
        Assert.Equal("vibration", reading.Kind);
        Assert.Equal("g", reading.Unit);
        Assert.Null(reading.Value);
        Assert.Equal(samples, reading.Samples);
        Assert.Equal(20_480, reading.SampleRate);
        Assert.Equal("ch1", reading.Channel);
        Assert.Equal(ReadingStatus.Active, reading.Status);
    }

    [Fact]
    public void Parse_VibrationWithUnitG_IsAccepted()
    {
        var body = Json(Numbers(Ramp(Count)), extra: "\"unit\":\"G\",");

        Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted);
    }

    [Fact]
    public void Parse_VibrationSampleOutsidePlausibleRange_IsKept()
    {
        var samples = Ramp(Count);
        samples[3] = 600;

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(Json(Numbers(samples)))).Accepted).Reading;

        Assert.Equal(600, reading.Samples![3]);
    }

    [Theory]
    [InlineData("\"unit\":\"m/s2\",", "unit", "unit 'm/s2' does not match the unit of vibration, which is 'g'")]
    [InlineData("\"value\":1.5,", "value", "a vibration reading has no value; send its window as samples with a sampleRate")]
    public void Parse_VibrationWithScalarFields_NamesTheField(string extra, string field, string reason)
    {
        var error = RejectJson(Json(Numbers(Ramp(Count)), extra: extra));

        Assert.Equal((field, reason), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_VibrationWithoutSamples_NamesSamples()
    {
        var body = Json(Numbers(Ramp(Count))).Replace("\"samples\":", "\"other\":", StringComparison.Ordinal);

        var error = RejectJson(body);

        Assert.Equal(("samples", "samples is required for a vibration reading"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData(255)]
    [InlineData(513)]
    public void Parse_VibrationLengthOutsideTheRange_SaysTheAllowedRange(int length)
    {
        var parser = Parsers.Create(new ReadingParserOptions { Vibration = new VibrationOptions { MaxSamples = 512 } });

        var result = parser.Parse(Parsers.Utf8(Json(Numbers(Ramp(length)))));

        var error = Assert.Single(result.Rejected);
        Assert.Equal("samples", error.Field);
        Assert.Equal($"samples holds {length} values; a window needs 256 to 512", error.Reason);
    }

    [Theory]
    [InlineData("1e400", "samples[17] must be a finite number")]
    [InlineData("-1e400", "samples[17] must be a finite number")]
    [InlineData("\"NaN\"", "samples[17] must be a finite number, not a string")]
    [InlineData("null", "samples[17] must be a number, not null")]
    [InlineData("1e39", "samples[17] is 1E+39, beyond the range of a 32-bit float (±3.4E+38)")]
    public void Parse_VibrationBadSample_NamesItsIndex(string sample, string reason)
    {
        var numbers = Ramp(Count).Select(x => x.ToString(CultureInfo.InvariantCulture)).ToArray();
        numbers[17] = sample;

        var error = RejectJson(Json(string.Join(",", numbers)));

        Assert.Equal(("samples", reason), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_VibrationSamplesNotAnArray_SaysWhatItIs()
    {
        var body = Json("0").Replace("\"samples\":[0]", "\"samples\":0", StringComparison.Ordinal);

        var error = RejectJson(body);

        Assert.Equal(("samples", "samples must be an array of numbers, not a number"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData("0", "sampleRate must be between 1 and 1000000 Hz, not 0")]
    [InlineData("-20480", "sampleRate must be between 1 and 1000000 Hz, not -20480")]
    [InlineData("1e12", "sampleRate must be between 1 and 1000000 Hz, not 1000000000000")]
    [InlineData("1e400", "sampleRate must be a finite number of Hz")]
    [InlineData("\"20480\"", "sampleRate must be a number")]
    [InlineData("null", "sampleRate is required for a vibration reading")]
    public void Parse_VibrationBadSampleRate_NamesSampleRate(string rate, string reason)
    {
        var error = RejectJson(Json(Numbers(Ramp(Count)), rate: rate));

        Assert.Equal(("sampleRate", reason), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_VibrationChannelTooLong_NamesChannel()
    {
        var error = RejectJson(Json(Numbers(Ramp(Count)), channel: $"\"{new string('c', 65)}\""));

        Assert.Equal(("channel", "channel is 65 characters long; at most 64 are allowed"), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_VibrationSamplesTwice_NamesSamples()
    {
        var body = Json(Numbers(Ramp(Count)), extra: "\"samples\":[1],");

        var error = RejectJson(body);

        Assert.Equal(("samples", "samples appears more than once"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData("\"samples\":[1,2],", "samples")]
    [InlineData("\"sampleRate\":100,", "sampleRate")]
    [InlineData("\"channel\":\"x\",", "channel")]
    public void Parse_ScalarWithVibrationField_NamesTheField(string extra, string field)
    {
        var body = $$"""{{{extra}}"deviceId":"T_1","kind":"temperature","value":22.4,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""";

        var error = RejectJson(body);

        Assert.Equal((field, $"{field} belongs only to a vibration reading"), (error.Field, error.Reason));
    }

    [Fact]
    public void Parse_BatchWithOneBadWindow_AcceptsTheOthers()
    {
        var good = Json(Numbers(Ramp(Count)));
        var bad = Json(Numbers(Ramp(Count)), rate: "0");
        var scalar = """{"deviceId":"T_1","kind":"temperature","value":22.4,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""";

        var result = _parser.Parse(Parsers.Utf8($"[{good},{bad},{scalar}]"));

        Assert.Equal([0, 2], result.Accepted.Select(a => a.Index));
        var error = Assert.Single(result.Rejected);
        Assert.Equal((1, "sampleRate"), (error.Index, error.Field));
    }

    [Fact]
    public void ParseVibrationBinary_LittleEndianBody_OneReadingWithTheSamples()
    {
        var samples = Ramp(Count);

        var result = _parser.ParseVibrationBinary(Body(samples), Metadata() with { Channel = "ch7" });

        Assert.Null(result.BodyError);
        Assert.Empty(result.Rejected);
        Assert.False(result.IsBatch);
        Assert.Equal(1, result.Count);
        var accepted = Assert.Single(result.Accepted);
        Assert.Equal(0, accepted.Index);
        var reading = accepted.Reading;
        Assert.Equal(
            ("ims-bearing4-x", "vibration", "g", 42L),
            (reading.DeviceId, reading.Kind, reading.Unit, reading.Sequence));
        Assert.Null(reading.Value);
        Assert.Equal(samples, reading.Samples);
        Assert.Equal(20_480, reading.SampleRate);
        Assert.Equal("ch7", reading.Channel);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero), reading.Timestamp);
    }

    [Fact]
    public void ParseVibrationBinary_NoDeclaredCountOrChannel_IsAccepted()
    {
        var result = _parser.ParseVibrationBinary(Body(Ramp(Count)), Metadata() with { Samples = null });

        Assert.Null(Assert.Single(result.Accepted).Reading.Channel);
    }

    [Fact]
    public void ParseVibrationBinary_DeclaredLengthDiffersFromBody_IsABodyError()
    {
        var result = _parser.ParseVibrationBinary(Body(Ramp(Count)), Metadata() with { Samples = "300" });

        Assert.Empty(result.Accepted);
        Assert.Equal(
            new ReadingError(null, "samples", "the body holds 256 samples but samples declares 300"),
            result.BodyError);
    }

    [Theory]
    [InlineData(0, "the body is empty; send the samples as little-endian float32")]
    [InlineData(1023, "the body is 1023 bytes, not a whole number of 4-byte float32 samples")]
    public void ParseVibrationBinary_BodyNotWholeSamples_IsABodyError(int bytes, string reason)
    {
        var result = _parser.ParseVibrationBinary(new byte[bytes], Metadata() with { Samples = null });

        Assert.Equal(new ReadingError(null, "$", reason), result.BodyError);
    }

    [Theory]
    [InlineData(0x7FC0_0000u)]
    [InlineData(0x7F80_0000u)]
    [InlineData(0xFF80_0000u)]
    public void ParseVibrationBinary_NonFiniteSample_NamesItsIndex(uint bits)
    {
        var body = Body(Ramp(Count));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(17 * 4), bits);

        var error = Assert.Single(_parser.ParseVibrationBinary(body, Metadata()).Rejected);

        Assert.Equal(new ReadingError(null, "samples", "samples[17] must be a finite number"), error);
    }

    [Theory]
    [InlineData(255)]
    [InlineData(65_537)]
    public void ParseVibrationBinary_LengthOutsideTheRange_NamesSamples(int length)
    {
        var result = _parser.ParseVibrationBinary(Body(new float[length]), Metadata() with { Samples = null });

        var error = Assert.Single(result.Rejected);
        Assert.Equal(("samples", $"samples holds {length} values; a window needs 256 to 65536"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData(null, "sampleRate is required for a vibration reading")]
    [InlineData("0", "sampleRate must be between 1 and 1000000 Hz, not 0")]
    [InlineData("2e9", "sampleRate must be between 1 and 1000000 Hz, not 2000000000")]
    [InlineData("NaN", "sampleRate must be a finite number of Hz")]
    [InlineData("fast", "sampleRate 'fast' is not a number of Hz")]
    public void ParseVibrationBinary_BadSampleRate_NamesSampleRate(string? rate, string reason)
    {
        var result = _parser.ParseVibrationBinary(Body(Ramp(Count)), Metadata() with { SampleRate = rate });

        Assert.Equal(new ReadingError(null, "sampleRate", reason), Assert.Single(result.Rejected));
    }

    [Theory]
    [InlineData(null, "sequence is required")]
    [InlineData("-1", "sequence must be a whole number ≥ 0, not '-1'")]
    [InlineData("1.5", "sequence must be a whole number ≥ 0, not '1.5'")]
    public void ParseVibrationBinary_BadSequence_NamesSequence(string? sequence, string reason)
    {
        var result = _parser.ParseVibrationBinary(Body(Ramp(Count)), Metadata() with { Sequence = sequence });

        Assert.Equal(new ReadingError(null, "sequence", reason), Assert.Single(result.Rejected));
    }

    [Fact]
    public void ParseVibrationBinary_BadDeclaredCount_NamesSamples()
    {
        var result = _parser.ParseVibrationBinary(Body(Ramp(Count)), Metadata() with { Samples = "many" });

        Assert.Equal(
            new ReadingError(null, "samples", "samples must be a whole number ≥ 0, not 'many'"),
            result.BodyError);
    }

    [Theory]
    [InlineData("deviceId")]
    [InlineData("timestamp")]
    [InlineData("status")]
    [InlineData("channel")]
    public void ParseVibrationBinary_BadMetadata_NamesTheField(string field)
    {
        var metadata = field switch
        {
            "deviceId" => Metadata() with { DeviceId = " " },
            "timestamp" => Metadata() with { Timestamp = "yesterday" },
            "status" => Metadata() with { Status = "BROKEN" },
            _ => Metadata() with { Channel = new string('c', 65) },
        };

        var error = Assert.Single(_parser.ParseVibrationBinary(Body(Ramp(Count)), metadata).Rejected);

        Assert.Equal((null, field), (error.Index, error.Field));
    }

    private ReadingError RejectJson(string body)
    {
        var result = _parser.Parse(Parsers.Utf8(body));

        Assert.Empty(result.Accepted);
        Assert.Null(result.BodyError);

        return Assert.Single(result.Rejected);
    }

    private static float[] Ramp(int n) => [.. Enumerable.Range(0, n).Select(i => (float)((i % 50) * 0.01 - 0.2))];

    private static string Numbers(float[] samples) =>
        string.Join(",", samples.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));

    private static string Json(string samples, string rate = "20480", string? channel = null, string extra = "")
    {
        var channelField = channel is null ? string.Empty : $"\"channel\":{channel},";

        return "{" + extra + channelField
            + "\"deviceId\":\"rig-1\",\"kind\":\"vibration\",\"timestamp\":\"2024-10-01T12:00:00Z\","
            + $"\"sequence\":1,\"sampleRate\":{rate},\"samples\":[{samples}]}}";
    }

    private static byte[] Body(float[] samples)
    {
        var body = new byte[samples.Length * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(i * 4), samples[i]);
        }

        return body;
    }

    private static VibrationMetadata Metadata() => new()
    {
        DeviceId = "ims-bearing4-x",
        Sequence = "42",
        SampleRate = "20480",
        Timestamp = "2024-10-01T12:00:00Z",
        Samples = "256",
    };
}
