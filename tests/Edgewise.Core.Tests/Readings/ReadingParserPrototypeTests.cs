using Edgewise.Core.Tests.Fakes;
using Edgewise.Readings;

namespace Edgewise.Core.Tests.Readings;

public sealed class ReadingParserPrototypeTests
{
    private const string PrototypeBody =
        """{"sensor_id": "T_1", "status": "ACTIVE", "temperature": 22.4, "timestamp": "2024-10-01 12:00:00"}""";

    private readonly ReadingParser _parser = Parsers.Create();
    private readonly CountingSequenceSource _sequences = new();

    [Fact]
    public void ParsePrototype_PrototypeBody_BecomesTemperatureReading()
    {
        var result = _parser.ParsePrototype(Parsers.Utf8(PrototypeBody), _sequences);

        Assert.Null(result.BodyError);
        Assert.False(result.IsBatch);
        var accepted = Assert.Single(result.Accepted);
        Assert.Equal(0, accepted.Index);
        Assert.Equal(
            new Reading(
                "T_1",
                "temperature",
                22.4,
                "°C",
                new DateTimeOffset(2024, 10, 1, 12, 0, 0, TimeSpan.Zero),
                1,
                ReadingStatus.Active),
            accepted.Reading);
    }

    [Fact]
    public void ParsePrototype_LocalTimeZone_AppliesToTheTimestamp()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var parser = Parsers.Create(new ReadingParserOptions { LocalTimeZone = paris });

        var result = parser.ParsePrototype(Parsers.Utf8(PrototypeBody), _sequences);

        var timestamp = Assert.Single(result.Accepted).Reading.Timestamp;
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 10, 0, 0, TimeSpan.Zero), timestamp.ToUniversalTime());
    }

    [Theory]
    [InlineData("INACTIVE", ReadingStatus.Inactive)]
    [InlineData("ERROR", ReadingStatus.Error)]
    public void ParsePrototype_NullTemperatureWhenNotActive_Accepted(string status, ReadingStatus expected)
    {
        var body = $$"""{"sensor_id": "T_2", "status": "{{status}}", "temperature": null, "timestamp": "2024-10-01 12:00:05"}""";

        var reading = Assert.Single(_parser.ParsePrototype(Parsers.Utf8(body), _sequences).Accepted).Reading;

        Assert.Null(reading.Value);
        Assert.Equal(expected, reading.Status);
    }

    [Fact]
    public void ParsePrototype_Array_NumbersOnlyValidReadingsPerDevice()
    {
        var body = "["
            + PrototypeBody + ","
            + PrototypeBody.Replace("22.4", "null") + ","
            + PrototypeBody.Replace("T_1", "T_9") + ","
            + PrototypeBody.Replace("22.4", "23.0")
            + "]";

        var result = _parser.ParsePrototype(Parsers.Utf8(body), _sequences);

        Assert.True(result.IsBatch);
        Assert.Equal(4, result.Count);
        Assert.Equal([0, 2, 3], result.Accepted.Select(a => a.Index));
        Assert.Equal([1L, 1L, 2L], result.Accepted.Select(a => a.Reading.Sequence));
        Assert.Equal(["T_1", "T_9", "T_1"], _sequences.Calls);
        Assert.Equal(
            new ReadingError(1, "temperature", "temperature is required when status is ACTIVE"),
            Assert.Single(result.Rejected));
    }

    [Theory]
    [InlineData("\"sensor_id\": \"T_1\", ", "", "sensor_id", "sensor_id is required")]
    [InlineData("\"T_1\"", "17", "sensor_id", "sensor_id must be a string")]
    [InlineData("22.4", "\"hot\"", "temperature", "temperature must be a number")]
    [InlineData("22.4", "1e400", "temperature", "temperature must be a finite number")]
    [InlineData("\"ACTIVE\"", "\"SLEEPING\"", "status", "status 'SLEEPING' is not one of ACTIVE, INACTIVE, ERROR")]
    [InlineData(", \"timestamp\": \"2024-10-01 12:00:00\"", "", "timestamp", "timestamp is required")]
    [InlineData("22.4", "22.4, \"temperature\": 1", "temperature", "temperature appears more than once")]
    public void ParsePrototype_InvalidField_NamesThePrototypeField(
        string from,
        string to,
        string field,
        string reason)
    {
        var body = PrototypeBody.Replace(from, to);
        Assert.NotEqual(PrototypeBody, body);

        var result = _parser.ParsePrototype(Parsers.Utf8(body), _sequences);

        Assert.Equal(new ReadingError(null, field, reason), Assert.Single(result.Rejected));
        Assert.Empty(_sequences.Calls);
    }

    [Fact]
    public void ParsePrototype_CatalogueWithoutTemperature_RejectsNamingTheKind()
    {
        var catalogue = new KindCatalogue([new KindDefinition("humidity", "%", 0, 100)]);
        var parser = new ReadingParser(
            catalogue,
            new ReadingParserOptions(),
            new ManualTimeProvider(Parsers.Now));

        var error = Assert.Single(parser.ParsePrototype(Parsers.Utf8(PrototypeBody), _sequences).Rejected);

        Assert.Equal("temperature", error.Field);
        Assert.Equal("kind 'temperature' is not in the catalogue (known: humidity)", error.Reason);
    }

    [Fact]
    public void ParsePrototype_MalformedJson_BodyErrorAndNoSequenceDrawn()
    {
        var result = _parser.ParsePrototype(Parsers.Utf8(PrototypeBody + "]"), _sequences);

        Assert.NotNull(result.BodyError);
        Assert.Empty(_sequences.Calls);
    }
}
