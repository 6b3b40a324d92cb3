using System.Text;
using Edgewise.Readings;
using Edgewise.Tasks;

namespace Edgewise.Node.Storage;

/// <summary>
/// The compact binary form of what the store keeps as one blob per row: the readings of one
/// admission, and the outcomes of one task. Format version 1, little-endian, strings
/// length-prefixed UTF-8 (<see cref="BinaryWriter"/>). Samples of vibration windows are not in
/// the admission blob; they sit in their own table until the window's result is stored.
/// </summary>
internal static class StoreCodec
{
    private const byte Version = 1;

    [Flags]
    private enum Present : byte
    {
        None = 0,
        Value = 1,
        SampleRate = 2,
        Channel = 4,
        Samples = 8,
    }

    /// <summary>Appends one reading (with its final sequence) to an admission blob being written.</summary>
    public static void WriteReading(BinaryWriter writer, Reading reading, long sequence)
    {
        var present = (reading.Value is null ? Present.None : Present.Value)
            | (reading.SampleRate is null ? Present.None : Present.SampleRate)
            | (reading.Channel is null ? Present.None : Present.Channel)
            | (reading.Samples is null ? Present.None : Present.Samples);
        writer.Write(reading.DeviceId);
        writer.Write(sequence);
        writer.Write(reading.Kind);
        writer.Write(reading.Unit);
        writer.Write(reading.Timestamp.ToUnixTimeMilliseconds());
        writer.Write((byte)reading.Status);
        writer.Write((byte)present);
        if (reading.Value is { } value)
        {
            writer.Write(value);
        }

        if (reading.SampleRate is { } rate)
        {
            writer.Write(rate);
        }

        if (reading.Channel is { } channel)
        {
            writer.Write(channel);
        }
    }

    /// <summary>Starts an admission blob.</summary>
    public static void BeginBlob(BinaryWriter writer) => writer.Write(Version);

    /// <summary>
    /// The readings of an admission blob, in order. A vibration window comes back without its
    /// samples and with <c>HasSamples</c> set; the caller joins them from their table.
    /// </summary>
    public static IEnumerable<(Reading Reading, bool HasSamples)> ReadReadings(byte[] blob)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        CheckVersion(reader.ReadByte(), "admission");
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var deviceId = reader.ReadString();
            var sequence = reader.ReadInt64();
            var kind = reader.ReadString();
            var unit = reader.ReadString();
            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var status = (ReadingStatus)reader.ReadByte();
            var present = (Present)reader.ReadByte();
            double? value = present.HasFlag(Present.Value) ? reader.ReadDouble() : null;
            double? rate = present.HasFlag(Present.SampleRate) ? reader.ReadDouble() : null;
            var channel = present.HasFlag(Present.Channel) ? reader.ReadString() : null;

            yield return (
                new Reading(deviceId, kind, value, unit, timestamp, sequence, status) { SampleRate = rate, Channel = channel },
                present.HasFlag(Present.Samples));
        }
    }

    /// <summary>The outcomes of one task as a blob: per reading its sequence, kind and flags.</summary>
    public static byte[] WriteOutcomes(IReadOnlyList<ReadingOutcome> outcomes, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            foreach (var outcome in outcomes)
            {
                writer.Write(outcome.Sequence);
                writer.Write(outcome.Kind);
                var flags = (outcome.OutOfRange ? 1 : 0) | (outcome.Anomaly ? 2 : 0) | (outcome.ZScore is null ? 0 : 4);
                writer.Write((byte)flags);
                if (outcome.ZScore is { } z)
                {
                    writer.Write(z);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The outcomes of a stored task blob, in order.</summary>
    public static IEnumerable<ReadingOutcome> ReadOutcomes(byte[] blob)
    {
        using var reader = new BinaryReader(new MemoryStream(blob, writable: false), Encoding.UTF8);
        CheckVersion(reader.ReadByte(), "result");
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var sequence = reader.ReadInt64();
            var kind = reader.ReadString();
            var flags = reader.ReadByte();
            double? z = (flags & 4) != 0 ? reader.ReadDouble() : null;

            yield return new ReadingOutcome(sequence, kind, (flags & 1) != 0, z, (flags & 2) != 0);
        }
    }

    private static void CheckVersion(byte version, string what)
    {
        if (version != Version)
        {
            throw new InvalidDataException($"A stored {what} blob has format version {version}; this node reads version {Version}.");
        }
    }
}
