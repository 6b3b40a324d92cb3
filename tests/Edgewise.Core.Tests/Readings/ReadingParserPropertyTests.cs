using System.Text;
using Edgewise.Core.Tests.Fakes;
using Edgewise.Readings;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Edgewise.Core.Tests.Readings;

/// <summary>
/// Properties of the readings parser over generated input, run by FsCheck a bounded number of
/// times (a few seconds in CI): valid bodies mutated byte by byte and token by token, and
/// arbitrary bytes. Whatever arrives, the parser returns a result (it never throws), the result
/// accounts for every item, and nothing it accepts breaks the rules a valid reading obeys.
/// </summary>
public sealed class ReadingParserPropertyTests
{
    private static readonly ReadingParserOptions Options = new() { MaxReadingsPerRequest = 100 };
    private static readonly ReadingParser Parser = Parsers.Create(Options);

    private static readonly string[] ValidBodies =
    [
        """{"deviceId":"T_1","kind":"temperature","value":21.5,"timestamp":"2024-10-01T12:00:00Z","sequence":1}""",
        """[{"deviceId":"a","kind":"humidity","value":40,"timestamp":"2024-10-01T12:00:00+02:00","sequence":7,"status":"ok"},"""
            + """{"deviceId":"b","kind":"voltage","value":230.1,"unit":"V","timestamp":"2024-10-01T12:00:01Z","sequence":8}]""",
        """{"deviceId":"rig","kind":"vibration","sampleRate":1000,"channel":"x","timestamp":"2024-10-01T12:00:00Z","sequence":3,"samples":["""
            + string.Join(',', Enumerable.Range(0, 256).Select(i => (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]}",
        """{"sensor_id":"T_1","status":"ACTIVE","temperature":22.4,"timestamp":"2024-10-01 12:00:00"}""",
        """{"temperature":25.1,"energy":61.0}""",
    ];

    private static readonly string[] Tokens =
    [
        "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "null", "true", "[", "]", "{", "}", ",", ":", "\"",
        "\\ud800", "\\u0000", "99999999999999999999999", "-1", "\"1969-12-31T23:59:59Z\"", "\"9999-12-31T00:00:00Z\"",
        "\"deviceId\":\"x\"", "\"value\":1", "[[[[[[[[[[[[[[[[", "\u00e9", "\ufeff",
    ];

    [Property(MaxTest = 3_000)]
    public Property MutatedValidBody_IsAnsweredWithoutThrowing_AndAcceptsOnlyValidReadings() =>
        Prop.ForAll(Arb.From(MutatedBodies()), body =>
            Holds(Parser.Parse(body))
            && Holds(Parser.ParsePrototype(body, new CountingSequenceSource()))
            && Holds(Parser.ParseSensorData(body, "sensor-data", new CountingSequenceSource())));

    [Property(MaxTest = 1_000)]
    public Property ArbitraryBytes_AreAnsweredByEveryFormatWithoutThrowing() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<byte[]>()), body =>
            Holds(Parser.Parse(body))
            && Holds(Parser.ParsePrototype(body, new CountingSequenceSource()))
            && Holds(Parser.ParseSensorData(body, "sensor-data", new CountingSequenceSource()))
            && Holds(Parser.ParseVibrationBinary(body, VibrationMetadata.FromQuery(name => name switch
            {
                "deviceId" => "rig",
                "sequence" => "1",
                "sampleRate" => "1000",
                "timestamp" => "2024-10-01T12:00:00Z",
                _ => null,
            }))));

    [Property(MaxTest = 500)]
    public Property GeneratedValidReading_IsAccepted() =>
        Prop.ForAll(Arb.From(ValidReadings()), reading =>
        {
            var result = Parser.Parse(Encoding.UTF8.GetBytes(reading.Json));

            return result.BodyError is null
                && result.Accepted.Count == 1
                && result.Accepted[0].Reading.DeviceId == reading.DeviceId
                && result.Accepted[0].Reading.Sequence == reading.Sequence;
        });

    /// <summary>Invariants of every parse result, whatever the input.</summary>
    private static bool Holds(ReadingParseResult result)
    {
        if (result.BodyError is not null)
        {
            return result.Accepted.Count == 0 && result.Rejected.Count == 0;
        }

        var earliest = Options.EarliestTimestamp;
        var latest = Parsers.Now + Options.MaxFutureSkew;

        return result.Accepted.Count + result.Rejected.Count >= 1
            && result.Accepted.Count <= Options.MaxReadingsPerRequest
            && result.Accepted.Select(item => item.Index).Distinct().Count() == result.Accepted.Count
            && result.Accepted.All(item =>
                !string.IsNullOrWhiteSpace(item.Reading.DeviceId)
                && !item.Reading.DeviceId.Any(char.IsControl)
                && item.Reading.Timestamp >= earliest
                && item.Reading.Timestamp <= latest
                && item.Reading.Sequence >= 0
                && (item.Reading.Value is not { } value || double.IsFinite(value))
                && (item.Reading.Samples is not { } samples || samples.All(float.IsFinite)));
    }

    private static Gen<byte[]> MutatedBodies() =>
        from body in Gen.Elements(ValidBodies)
        from steps in Gen.Choose(1, 4)
        from mutations in Gen.ListOf(Mutation(), steps)
        select Encoding.UTF8.GetBytes(mutations.Aggregate(body, (text, mutate) => mutate(text)));

    /// <summary>One edit of a body: replace, insert or delete a character, insert a hostile token, cut or repeat a span.</summary>
    private static Gen<Func<string, string>> Mutation() =>
        from kind in Gen.Choose(0, 5)
        from at in Gen.Choose(0, 10_000)
        from length in Gen.Choose(1, 40)
        from character in Gen.Choose(0, 127)
        from token in Gen.Elements(Tokens)
        select (Func<string, string>)(text =>
        {
            var i = text.Length == 0 ? 0 : at % text.Length;
            var n = Math.Min(length, text.Length - i);

            return kind switch
            {
                0 => text.Remove(i, Math.Min(1, text.Length - i)).Insert(i, ((char)character).ToString()),
                1 => text.Insert(i, ((char)character).ToString()),
                2 => text.Remove(i, n),
                3 => text.Insert(i, token),
                4 => text[..i],
                _ => text.Insert(i, text.Substring(i, n)),
            };
        });

    private static Gen<ValidReading> ValidReadings() =>
        from id in Gen.Choose(0, 1_000_000)
        from sequence in Gen.Choose(0, int.MaxValue)
        from tenths in Gen.Choose(-400, 800)
        from seconds in Gen.Choose(0, 86_400 * 365)
        select new ValidReading(
            $"dev-{id}",
            sequence,
            $$"""{"deviceId":"dev-{{id}}","kind":"temperature","value":{{tenths / 10.0:0.0}},"timestamp":"{{new DateTimeOffset(2023, 10, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds):O}}","sequence":{{sequence}}}""");

    private sealed record ValidReading(string DeviceId, long Sequence, string Json);
}
