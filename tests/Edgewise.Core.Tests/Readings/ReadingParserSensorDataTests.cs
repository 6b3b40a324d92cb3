using Edgewise.Core.Tests.Fakes;
using Edgewise.Readings;

namespace Edgewise.Core.Tests.Readings;

public sealed class ReadingParserSensorDataTests
{
    private const string SensorDataBody = """{"temperature": 25.1, "energy": 61.0}""";

    private readonly ReadingParser _parser = Parsers.Create();
    private readonly CountingSequenceSource _sequences = new();

    [Fact]
    public void ParseSensorData_SensorDataBody_OneReadingPerKindStampedNow()
    {
        var result = _parser.ParseSensorData(Parsers.Utf8(SensorDataBody), "plant-1", _sequences);

        Assert.Null(result.BodyError);
        Assert.Equal(2, result.Count);
        Assert.Equal(
            [
                new IndexedReading(
                    0,
                    new Reading("plant-1", "temperature", 25.1, "°C", Parsers.Now, 1, ReadingStatus.Active)),
                new IndexedReading(
                    1,
                    new Reading("plant-1", "energy", 61.0, "Wh", Parsers.Now, 2, ReadingStatus.Active)),
            ],
            result.Accepted);
    }

    [Fact]
    public void ParseSensorData_OtherCatalogueKindsAndUnknownProperties_KindsTakenOthersIgnored()
    {
        var body = """{"Humidity": 55, "location": {"room": 4}, "note": "x", "light": 300}""";

        var result = _parser.ParseSensorData(Parsers.Utf8(body), "d", _sequences);

        Assert.Equal(["humidity", "light"], result.Accepted.Select(a => a.Reading.Kind));
        Assert.Equal(2, result.Count);
    }

    [Theory]
    [InlineData("""{"temperature": "hot", "energy": 61.0}""", "temperature", "temperature must be a number, not a string")]
    [InlineData("""{"temperature": null, "energy": 61.0}""", "temperature", "temperature must be a number, not null")]
    [InlineData("""{"temperature": 1e400, "energy": 61.0}""", "temperature", "temperature must be a finite number")]
    [InlineData("""{"energy": 61.0, "ENERGY": 62.0}""", "ENERGY", "ENERGY appears more than once")]
    public void ParseSensorData_BadValue_RejectedNamingTheField(string body, string field, string reason)
    {
        var result = _parser.ParseSensorData(Parsers.Utf8(body), "d", _sequences);

        Assert.Single(result.Accepted);
        Assert.Equal(new ReadingError(null, field, reason), Assert.Single(result.Rejected));
        Assert.Single(_sequences.Calls);
    }

    [Theory]
    [InlineData("""{"pressure": 1013}""")]
    [InlineData("""{"vibration": 3}""")]
    [InlineData("{}")]
    public void ParseSensorData_NoKindProperty_BodyError(string body)
    {
        var result = _parser.ParseSensorData(Parsers.Utf8(body), "d", _sequences);

        Assert.NotNull(result.BodyError);
        Assert.Equal("$", result.BodyError.Field);
        Assert.StartsWith("the body holds no reading", result.BodyError.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "not an array")]
    [InlineData("25.1", "not a number")]
    [InlineData("", "empty")]
    [InlineData("""{"temperature": 25.1,""", "not valid JSON")]
    [InlineData("""{"temperature": 25.1} {}""", "not valid JSON")]
    public void ParseSensorData_UnusableBody_BodyErrorAndNoSequenceDrawn(string body, string expected)
    {
        var result = _parser.ParseSensorData(Parsers.Utf8(body), "d", _sequences);

        Assert.NotNull(result.BodyError);
        Assert.Contains(expected, result.BodyError.Reason, StringComparison.Ordinal);
        Assert.Empty(_sequences.Calls);
    }

    [Fact]
    public void ParseSensorData_InvalidDeviceId_BodyError()
    {
        var result = _parser.ParseSensorData(Parsers.Utf8(SensorDataBody), "", _sequences);

        Assert.Equal(new ReadingError(null, "deviceId", "deviceId must not be empty"), result.BodyError);
    }
}
