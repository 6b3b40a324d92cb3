using Microsoft.Extensions.Options;

namespace Edgewise.Node.Ingest.Mqtt;

/// <summary>Start-up checks of <see cref="MqttIngestOptions"/>, each failure naming the setting and the reason.</summary>
internal sealed class MqttIngestOptionsValidation : IValidateOptions<MqttIngestOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttIngestOptions options)
    {
        var problems = options.Problems();

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
