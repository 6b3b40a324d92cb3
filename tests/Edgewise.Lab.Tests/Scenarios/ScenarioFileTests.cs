using Edgewise.Lab.Scenarios;

namespace Edgewise.Lab.Tests.Scenarios;

public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgewise-scenarios").FullName;

    [Fact]
    public void Load_CommittedScenarios_AreAllValid()
    {
        var folder = Path.Combine(RepositoryRoot(), "scenarios");
        var files = Directory.GetFiles(folder, "*.json");

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Equal(Path.GetFileNameWithoutExtension(file), ScenarioFile.Load(file).Name));
    }

    [Fact]
    public void Load_UnknownField_NamesTheFieldAndLine()
    {
        var path = Write("{\n  \"name\": \"x\",\n  \"nodez\": []\n}");

        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load(path));

        Assert.Contains("nodez", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenRule_NamesTheField()
    {
        var path = Write("{ \"nodes\": [ { \"id\": \"a\", \"speed\": 4 } ], \"failures\": [ { \"node\": \"b\", \"downAtMs\": 5 } ] }");

        var error = Assert.Throws<ScenarioException>(() => ScenarioFile.Load(path));

        Assert.Contains("nodes[0].speed", error.Message, StringComparison.Ordinal);
        Assert.Contains("failures[0].node 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoName_TakesTheFileName()
    {
        var path = Write("{ \"nodes\": [ { \"id\": \"a\" } ] }");

        Assert.Equal(Path.GetFileNameWithoutExtension(path), ScenarioFile.Load(path).Name);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Edgewise.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"s{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);

        return path;
    }
}
