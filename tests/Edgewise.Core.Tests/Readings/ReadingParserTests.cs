using Edgewise.Readings;

namespace Edgewise.Core.Tests.Readings;

public sealed class ReadingParserTests
{
    private const string Valid =
        """{"deviceId":"T_1","kind":"temperature","value":22.4,"unit":"°C","timestamp":"2024-10-01T12:00:00Z","sequence":7,"status":"ACTIVE"}""";

    private readonly ReadingParser _parser = Parsers.Create();

    [Fact]
    public void Parse_SingleObject_AcceptsWithIndexZero()
    {
        var result = _parser.Parse(Parsers.Utf8(Valid));

        Assert.Null(result.BodyError);
        Assert.False(result.IsBatch);
        Assert.Equal(1, result.Count);
        Assert.Empty(result.Rejected);
        var accepted = Assert.Single(result.Accepted);
        Assert.Equal(0, accepted.Index);
        Assert.Equal(
            new Reading(
                "T_1",
                "temperature",
                22.4,
                "°C",
                new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero),
                7,
                ReadingStatus.Active),
            accepted.Reading);
    }

    [Fact]
    public void Parse_Array_AcceptsEachWithItsIndex()
    {
        var body = $"[{Valid}, {Valid.Replace("\"sequence\":7", "\"sequence\":8")}]";

        var result = _parser.Parse(Parsers.Utf8(body));

        Assert.True(result.IsBatch);
        Assert.Equal(2, result.Count);
        Assert.Equal([0, 1], result.Accepted.Select(a => a.Index));
        Assert.Equal([7L, 8L], result.Accepted.Select(a => a.Reading.Sequence));
    }

    [Theory]
    [InlineData("2024-10-01T07:00:00-05:00", -5, 12)]
    [InlineData("2024-10-01 12:00:00Z", 0, 12)]
    [InlineData("2024-10-01T12:00:00.125Z", 0, 12)]
    [InlineData("2024-10-01T13:30+01:30", 1.5, 12)]
    public void Parse_ZonedTimestamp_KeepsTheDevicesOffset(string timestamp, double offsetHours, int utcHour)
    {
        var body = $$"""{"deviceId":"h1","kind":"humidity","value":40,"timestamp":"{{timestamp}}","sequence":0}""";

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        Assert.Equal(TimeSpan.FromHours(offsetHours), reading.Timestamp.Offset);
        Assert.Equal(utcHour, reading.Timestamp.UtcDateTime.Hour);
    }

    [Theory]
    [InlineData("2024-10-01T12:00:00+2")]
    [InlineData("2024-10-01T12:00:00Zulu")]
    [InlineData("2024-10-01T12:00:00 -05:00 extra")]
    public void Parse_TimestampWithAMalformedZone_IsRejectedNamingTheField(string timestamp)
    {
        var body = $$"""{"deviceId":"h1","kind":"humidity","value":40,"timestamp":"{{timestamp}}","sequence":0}""";

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("timestamp", error.Field);
    }

    [Fact]
    public void Parse_MinimalReading_FillsUnitAndStatusDefaults()
    {
        var body = """{"deviceId":"h1","kind":"HUMIDITY","value":40,"timestamp":"2024-10-01T12:00:00+02:00","sequence":0}""";

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        Assert.Equal("humidity", reading.Kind);
        Assert.Equal("%", reading.Unit);
        Assert.Equal(ReadingStatus.Active, reading.Status);
        Assert.Equal(TimeSpan.FromHours(2), reading.Timestamp.Offset);
        Assert.Equal(new DateTime(2024, 10, 1, 10, 0, 0), reading.Timestamp.UtcDateTime);
    }

    [Fact]
    public void Parse_UnitInOtherCaseAndUnknownProperties_Accepted()
    {
        var body = """
            {"deviceId":"v","kind":"voltage","value":230,"unit":"v",
             "timestamp":"2024-10-01T12:00:00Z","sequence":1,"firmware":{"v":[1,2]}}
            """;

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        Assert.Equal("V", reading.Unit);
    }

    [Theory]
    [InlineData("INACTIVE", ReadingStatus.Inactive)]
    [InlineData("error", ReadingStatus.Error)]
    public void Parse_NoValueWithIdleOrFaultStatus_Accepted(string status, ReadingStatus expected)
    {
        var body = $$"""{"deviceId":"T_1","kind":"temperature","value":null,"timestamp":"2024-10-01T12:00:00Z","sequence":1,"status":"{{status}}"}""";

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        Assert.Null(reading.Value);
        Assert.Equal(expected, reading.Status);
    }

    [Theory]
    [InlineData("2024-10-01T12:00:00")]
    [InlineData("2024-10-01 12:00:00")]
    public void Parse_TimestampWithoutZone_ReadInConfiguredLocalZone(string timestamp)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var parser = Parsers.Create(new ReadingParserOptions { LocalTimeZone = paris });
        var body = Valid.Replace("2024-10-01T12:00:00Z", timestamp);

        var reading = Assert.Single(parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        // Paris keeps summer time (UTC+2) on 1 October.
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.FromHours(2)), reading.Timestamp);
        Assert.Equal(TimeSpan.FromHours(2), reading.Timestamp.Offset);
    }

    [Fact]
    public void Parse_TimestampWithoutZoneDefaultOptions_ReadAsUtc()
    {
        var body = Valid.Replace("2024-10-01T12:00:00Z", "2024-10-01 12:00:00.250");

        var reading = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted).Reading;

        Assert.Equal(new DateTimeOffset(2024, 10, 1, 12, 0, 0, 250, TimeSpan.Zero), reading.Timestamp);
    }

    [Fact]
    public void Parse_TimestampWithOffsetAndNonUtcLocalZone_KeepsTheOffset()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var parser = Parsers.Create(new ReadingParserOptions { LocalTimeZone = paris });

        var reading = Assert.Single(parser.Parse(Parsers.Utf8(Valid)).Accepted).Reading;

        Assert.Equal(TimeSpan.Zero, reading.Timestamp.Offset);
        Assert.Equal(12, reading.Timestamp.Hour);
    }

    [Theory]
    [InlineData("{\"deviceId\": \"x\",", "line 1")]
    [InlineData("[{\"deviceId\": \"x\"}\n, }]", "line 2")]
    [InlineData("{\"value\": NaN}", "line 1, byte 11")]
    [InlineData("{\"value\": Infinity}", "line 1")]
    [InlineData("[1, 2]  x", "line 1, byte 9")]
    [InlineData("{'deviceId': 'x'}", "line 1")]
    public void Parse_MalformedJson_BodyErrorWithPosition(string body, string position)
    {
        var result = _parser.Parse(Parsers.Utf8(body));

        var error = Assert.IsType<ReadingError>(result.BodyError);
        Assert.Equal("$", error.Field);
        Assert.Null(error.Index);
        Assert.Contains("not valid JSON", error.Reason, StringComparison.Ordinal);
        Assert.Contains(position, error.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Parse_SyntaxErrorAfterValidReadings_RefusesWholeBody()
    {
        var result = _parser.Parse(Parsers.Utf8($"[{Valid}, {Valid}, {{\"deviceId\": }}]"));

        Assert.NotNull(result.BodyError);
        Assert.Empty(result.Accepted);
    }

    [Theory]
    [InlineData("42", "not a number")]
    [InlineData("\"reading\"", "not a string")]
    [InlineData("null", "not null")]
    [InlineData("true", "not a boolean")]
    public void Parse_TopLevelNotObjectOrArray_BodyError(string body, string expected)
    {
        var error = _parser.Parse(Parsers.Utf8(body)).BodyError;

        Assert.NotNull(error);
        Assert.Equal("$", error.Field);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public void Parse_EmptyBody_BodyError(string body)
    {
        var error = _parser.Parse(Parsers.Utf8(body)).BodyError;

        Assert.NotNull(error);
        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyArray_BodyError()
    {
        var result = _parser.Parse(Parsers.Utf8(" [ ] "));

        Assert.True(result.IsBatch);
        Assert.Equal(0, result.Count);
        Assert.Equal("the array holds no readings", result.BodyError?.Reason);
    }

    [Fact]
    public void Parse_MoreReadingsThanAllowed_BodyErrorWithCount()
    {
        var parser = Parsers.Create(new ReadingParserOptions { MaxReadingsPerRequest = 2 });

        var result = parser.Parse(Parsers.Utf8($"[{Valid},{Valid},{Valid}]"));

        Assert.Equal(3, result.Count);
        Assert.Empty(result.Accepted);
        Assert.Empty(result.Rejected);
        Assert.Equal(
            "the body holds 3 readings; at most 2 are accepted per request",
            result.BodyError?.Reason);
    }

    [Fact]
    public void Parse_ExactlyTheLimit_Accepted()
    {
        var parser = Parsers.Create(new ReadingParserOptions { MaxReadingsPerRequest = 2 });

        var result = parser.Parse(Parsers.Utf8($"[{Valid},{Valid}]"));

        Assert.Null(result.BodyError);
        Assert.Equal(2, result.Accepted.Count);
    }

    [Fact]
    public void Parse_MixedArray_AcceptsValidAndReportsInvalidByIndex()
    {
        var missingDevice = Valid.Replace("\"deviceId\":\"T_1\",", "");
        var body = $"[{Valid}, {missingDevice}, 5, {Valid}]";

        var result = _parser.Parse(Parsers.Utf8(body));

        Assert.Null(result.BodyError);
        Assert.Equal(4, result.Count);
        Assert.Equal([0, 3], result.Accepted.Select(a => a.Index));
        Assert.Equal(
            [
                new ReadingError(1, "deviceId", "deviceId is required"),
                new ReadingError(2, "$", "expected a reading object, not a number"),
            ],
            result.Rejected);
    }

    [Theory]
    [InlineData("\"deviceId\":\"T_1\"", "\"deviceId\":42", "deviceId", "deviceId must be a string")]
    [InlineData("\"value\":22.4", "\"value\":\"22.4\"", "value", "value must be a number")]
    [InlineData("\"value\":22.4", "\"value\":true", "value", "value must be a number")]
    [InlineData("\"value\":22.4", "\"value\":[1]", "value", "value must be a number")]
    [InlineData("\"value\":22.4", "\"value\":\"NaN\"", "value", "value must be a number")]
    [InlineData("\"value\":22.4", "\"value\":\"Infinity\"", "value", "value must be a number")]
    [InlineData("\"sequence\":7", "\"sequence\":7.5", "sequence", "sequence must be a whole number")]
    [InlineData("\"sequence\":7", "\"sequence\":\"7\"", "sequence", "sequence must be a whole number")]
    [InlineData("\"sequence\":7", "\"sequence\":1e30", "sequence", "sequence must be a whole number")]
    [InlineData("\"kind\":\"temperature\"", "\"kind\":{}", "kind", "kind must be a string")]
    [InlineData("\"status\":\"ACTIVE\"", "\"status\":1", "status", "status must be a string")]
    public void Parse_WrongType_NamesFieldWithoutDotNetTypes(
        string from,
        string to,
        string field,
        string reason)
    {
        var error = Assert.Single(_parser.Parse(Parsers.Utf8(Valid.Replace(from, to))).Rejected);

        Assert.Equal(new ReadingError(null, field, reason), error);
    }

    [Theory]
    [InlineData("\"deviceId\":\"T_1\",", "", "deviceId", "deviceId is required")]
    [InlineData("\"deviceId\":\"T_1\"", "\"deviceId\":\"  \"", "deviceId", "deviceId must not be empty")]
    [InlineData("\"deviceId\":\"T_1\"", "\"deviceId\":\"a\\u0007b\"", "deviceId", "deviceId must not contain control characters")]
    [InlineData("\"kind\":\"temperature\",", "", "kind", "kind is required")]
    [InlineData("\"value\":22.4,", "", "value", "value is required when status is ACTIVE")]
    [InlineData("\"value\":22.4", "\"value\":null", "value", "value is required when status is ACTIVE")]
    [InlineData("\"value\":22.4", "\"value\":1e400", "value", "value must be a finite number")]
    [InlineData("\"value\":22.4", "\"value\":-1e400", "value", "value must be a finite number")]
    [InlineData("\"timestamp\":\"2024-10-01T12:00:00Z\",", "", "timestamp", "timestamp is required")]
    [InlineData(",\"sequence\":7", "", "sequence", "sequence is required")]
    [InlineData("\"sequence\":7", "\"sequence\":-1", "sequence", "sequence must be 0 or more, not -1")]
    [InlineData("\"status\":\"ACTIVE\"", "\"status\":\"RUNNING\"", "status", "status 'RUNNING' is not one of ACTIVE, INACTIVE, ERROR")]
    public void Parse_InvalidField_ReadableReason(string from, string to, string field, string reason)
    {
        var body = Valid.Replace(from, to);
        Assert.NotEqual(Valid, body);

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal(new ReadingError(null, field, reason), error);
    }

    [Fact]
    public void Parse_DeviceIdTooLong_Rejected()
    {
        var body = Valid.Replace("\"T_1\"", $"\"{new string('d', 129)}\"");

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("deviceId is 129 characters long; at most 128 are allowed", error.Reason);
    }

    [Fact]
    public void Parse_DeviceIdAtTheLimit_Accepted()
    {
        var body = Valid.Replace("\"T_1\"", $"\"{new string('d', 128)}\"");

        Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted);
    }

    [Fact]
    public void Parse_UnknownKind_ListsTheCatalogue()
    {
        var body = Valid.Replace("\"temperature\"", "\"pressure\"");

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("kind", error.Field);
        Assert.Equal(
            "kind 'pressure' is not in the catalogue"
                + " (known: energy, humidity, light, power, temperature, vibration, voltage)",
            error.Reason);
    }

    [Fact]
    public void Parse_WrongUnit_NamesBothUnits()
    {
        var body = Valid.Replace("\"°C\"", "\"°F\"");

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("unit", error.Field);
        Assert.Equal("unit '°F' does not match the unit of temperature, which is '°C'", error.Reason);
    }

    [Theory]
    [InlineData("\"value\":22.4", "\"value\":22.4,\"value\":23", "value")]
    [InlineData("\"value\":22.4", "\"value\":22.4,\"Value\":23", "Value")]
    [InlineData("\"sequence\":7", "\"sequence\":7,\"sequence\":\"x\"", "sequence")]
    public void Parse_DuplicateProperty_Rejected(string from, string to, string field)
    {
        var error = Assert.Single(_parser.Parse(Parsers.Utf8(Valid.Replace(from, to))).Rejected);

        Assert.Equal(field, error.Field);
        Assert.Equal($"{field} appears more than once", error.Reason);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("10/01/2024 12:00")]
    [InlineData("2024-13-01T12:00:00Z")]
    [InlineData("2024-10-01")]
    public void Parse_UnreadableTimestamp_Rejected(string timestamp)
    {
        var body = Valid.Replace("2024-10-01T12:00:00Z", timestamp);

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("timestamp", error.Field);
        Assert.Equal(
            $"timestamp '{timestamp}' is not an ISO 8601 date and time such as 2024-10-01T12:00:00Z",
            error.Reason);
    }

    [Theory]
    [InlineData("1969-12-31T23:59:59Z", "before the earliest accepted")]
    [InlineData("2024-10-03T00:00:01Z", "more than 24 hours ahead of the node's clock")]
    public void Parse_TimestampOutsideWindow_Rejected(string timestamp, string expected)
    {
        var body = Valid.Replace("2024-10-01T12:00:00Z", timestamp);

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.Equal("timestamp", error.Field);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TimestampExactlyAtSkewLimit_Accepted()
    {
        var body = Valid.Replace("2024-10-01T12:00:00Z", "2024-10-03T00:00:00Z");

        Assert.Single(_parser.Parse(Parsers.Utf8(body)).Accepted);
    }

    [Fact]
    public void Parse_LongHostileValue_EchoedShortAndWithoutControlCharacters()
    {
        var body = Valid.Replace("\"temperature\"", $"\"x\\n{new string('k', 500)}\"");

        var error = Assert.Single(_parser.Parse(Parsers.Utf8(body)).Rejected);

        Assert.DoesNotContain('\n', error.Reason);
        Assert.True(error.Reason.Length < 200, error.Reason);
    }

    [Fact]
    public void Parse_ManyThreadsSharingOneParser_SameResults()
    {
        var body = Parsers.Utf8($"[{Valid}, 3, {Valid}]");

        var results = new ReadingParseResult[64];
        Parallel.For(0, results.Length, i => results[i] = _parser.Parse(body));

        Assert.All(results, r =>
        {
            Assert.Equal(2, r.Accepted.Count);
            Assert.Single(r.Rejected);
        });
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Parsers.Create(new ReadingParserOptions { MaxReadingsPerRequest = 0 }));
    }
}
