namespace Edgewise.Processing;

/// <summary>How scalar readings are judged against a device's own history.</summary>
public sealed record ProcessingOptions
{
    /// <summary>Distance from the mean, in standard deviations, at which a value is an anomaly. Default 3.</summary>
    public double ZScoreThreshold { get; init; } = 3.0;

    /// <summary>Values the device's statistics need before a z-score is computed. Default 10.</summary>
    public long MinSamplesForZScore { get; init; } = 10;
}
