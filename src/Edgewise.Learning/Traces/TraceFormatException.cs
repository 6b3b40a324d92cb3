namespace Edgewise.Learning.Traces;

/// <summary>A trace file that cannot be read: the message names the file and, where known, the row.</summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException()
    {
    }

    public TraceFormatException(string message)
        : base(message)
    {
    }

    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
