namespace Edgewise.Lab.Engine;

/// <summary>A periodic load report as its node sent it.</summary>
internal struct PublishedReport
{
    public double SentAtMs;
    public int Queue;
    public int InFlight;
    public double ServiceMs;
}
