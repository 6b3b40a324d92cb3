namespace Edgewise.Lab.Scenarios;

/// <summary>When the tasks of a scenario arrive.</summary>
public sealed record ArrivalSpec
{
    /// <summary>
    /// "poisson"; "bursty" (on/off: exponential on periods of mean <see cref="OnMs"/> with
    /// Poisson arrivals, silent off periods of mean <see cref="OffMs"/>); "diurnal" (Poisson with
    /// rate varying as a sine of period <see cref="PeriodMs"/> and relative amplitude
    /// <see cref="Amplitude"/>); or "replay" (the gaps between real arrival timestamps in
    /// <see cref="File"/>, scaled to the mean rate). Default "poisson".
    /// </summary>
    public string Process { get; init; } = "poisson";

    /// <summary>
    /// Mean offered load as a share of the cluster's capacity (sum of workers × speed over the
    /// mean task cost). Used when <see cref="RatePerSecond"/> is not set. Default 0.7.
    /// </summary>
    public double Utilisation { get; init; } = 0.7;

    /// <summary>Mean arrival rate, in tasks per second of virtual time; overrides <see cref="Utilisation"/>.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>Mean length of an on period, in milliseconds ("bursty"). Default 200.</summary>
    public double OnMs { get; init; } = 200;

    /// <summary>Mean length of an off period, in milliseconds ("bursty"). Default 600.</summary>
    public double OffMs { get; init; } = 600;

    /// <summary>Period of the rate's cycle, in milliseconds ("diurnal"). Default 10,000.</summary>
    public double PeriodMs { get; init; } = 10_000;

    /// <summary>Relative amplitude of the rate's cycle, in [0, 1) ("diurnal"). Default 0.8.</summary>
    public double Amplitude { get; init; } = 0.8;

    /// <summary>
    /// Gzip CSV with a <c>ts_ms</c> column of arrival times ("replay"), relative like the
    /// calibration file. Default data/campusiot-lorawan/lorawan_uplinks.csv.gz.
    /// </summary>
    public string File { get; init; } = "data/campusiot-lorawan/lorawan_uplinks.csv.gz";

    /// <summary>Gaps in the replayed log longer than this are cut to it before scaling, in seconds ("replay"). Default 3,600.</summary>
    public double MaxGapSeconds { get; init; } = 3600;
}
