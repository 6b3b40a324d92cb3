using System.Text.Json;
using Edgewise.Learning.Models;
using Edgewise.Learning.Tests.Infrastructure;

namespace Edgewise.Learning.Tests.Models;

public sealed class LatencyModelsTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>
{
    [Fact]
    public void A_model_whose_card_lists_other_features_is_refused_with_both_lists()
    {
        using var directory = new TempDirectory();
        var path = directory.File("model.zip");
        File.Copy(trained.ModelPath, path);
        var card = trained.Result.Card with { Features = ["taskKind", "queueLength", "cpuTemperature"] };
        card.Write(ModelCard.PathFor(path));

        var error = Assert.Throws<ModelLoadException>(() => LatencyModels.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("trained on features [taskKind, queueLength, cpuTemperature]", error.Message, StringComparison.Ordinal);
        Assert.Contains("this node supplies [taskKind, taskSize, queueLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_MLNET_model_is_refused_naming_the_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("cut.zip");
        var bytes = File.ReadAllBytes(trained.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelLoadException>(() => LatencyModels.Load(path));

        Assert.StartsWith($"{path}: not a loadable ML.NET model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_ONNX_model_is_refused_naming_the_file()
    {
        using var directory = new TempDirectory();
        var path = directory.File("garbage.onnx");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var error = Assert.Throws<ModelLoadException>(() => LatencyModels.Load(path));

        Assert.StartsWith($"{path}: not a loadable ONNX model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_that_is_not_JSON_is_refused_naming_the_file_and_line()
    {
        using var directory = new TempDirectory();
        var path = directory.File("model.zip");
        File.Copy(trained.ModelPath, path);
        File.WriteAllText(ModelCard.PathFor(path), "{\n  \"features\": [\n  oops");

        var error = Assert.Throws<ModelLoadException>(() => LatencyModels.Load(path));

        Assert.StartsWith($"{ModelCard.PathFor(path)}: not a model card (line 3", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(error.InnerException);
    }

    [Fact]
    public void A_missing_model_file_is_refused_naming_it()
    {
        var path = Path.Combine(trained.Directory, "absent.zip");

        var error = Assert.Throws<ModelLoadException>(() => LatencyModels.Load(path));

        Assert.Equal($"{path}: model file not found.", error.Message);
    }

    [Fact]
    public void A_saved_model_loads_with_its_card()
    {
        var loaded = LatencyModels.Load(trained.ModelPath);

        Assert.Equal("ml.net", loaded.Model.Format);
        Assert.Equal(trained.Result.Card.Metrics, loaded.Card!.Metrics);
    }
}
