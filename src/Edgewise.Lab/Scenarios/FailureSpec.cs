namespace Edgewise.Lab.Scenarios;

/// <summary>A node failing during a run: its queue and running tasks are lost, its devices cannot reach it.</summary>
public sealed record FailureSpec
{
    /// <summary>The failing node's id.</summary>
    public string Node { get; init; } = "";

    /// <summary>When it fails, in milliseconds of virtual time.</summary>
    public double DownAtMs { get; init; }

    /// <summary>When it comes back, in milliseconds of virtual time; null: never.</summary>
    public double? UpAtMs { get; init; }
}
