using System.Text;
using Edgewise.Core.Tests.Fakes;
using Edgewise.Readings;

namespace Edgewise.Core.Tests.Readings;

/// <summary>Builds parsers over the default catalogue with a clock fixed at <see cref="Now"/>.</summary>
internal static class Parsers
{
    public static DateTimeOffset Now { get; } = new(2024, 10, 2, 0, 0, 0, TimeSpan.Zero);

    public static KindCatalogue Catalogue { get; } = new(KindCatalogue.Defaults);

    public static ReadingParser Create(ReadingParserOptions? options = null) =>
        new(Catalogue, options ?? new ReadingParserOptions(), new ManualTimeProvider(Now));

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
