using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Driver;

/// <summary>The client driver's bookkeeping for one scenario packet.</summary>
internal sealed class PacketState
{
    public PacketState(int index, WritePacketStep step, byte[] expectedBuffer, uint expectedFlags, byte[]? tag)
    {
        Index = index;
        Step = step;
        ExpectedBuffer = expectedBuffer;
        ExpectedFlags = expectedFlags;
        Tag = tag;
    }

    public int Index { get; }
    public WritePacketStep Step { get; }
    public byte[] ExpectedBuffer { get; }
    public uint ExpectedFlags { get; }

    /// <summary>The harness's tag for this packet (D31), null when its payload cannot carry one.</summary>
    public byte[]? Tag { get; }
    public bool Written { get; set; }
    public int Presentations { get; set; }
    public bool Answered { get; set; }

    /// <summary>Deferred or PENDING: the packet owes a re-presentation (R-DEF-1, R-EXT-9).</summary>
    public bool AwaitingRepresentation { get; set; }
    public int Deferrals { get; set; }
    public VmbPacket? PreviousHandle { get; set; }
    public bool ProbeDone { get; set; }

    /// <summary>The handle of the last presentation.</summary>
    public VmbPacket? LastHandle { get; set; }

    /// <summary>What the last presentation showed (buffer, length, flags), right or wrong.</summary>
    public (byte[] Bytes, uint Length, uint Flags)? LastSeen { get; set; }

    public bool Outstanding => Presentations > 0 && !Answered;

    public bool Matches(byte[] bytes, uint length, uint flags) =>
        length == ExpectedBuffer.Length && flags == ExpectedFlags && bytes.AsSpan().SequenceEqual(ExpectedBuffer);
}

/// <summary>An answer (or probe) the client does after the callback returned.</summary>
internal sealed record LaterWork(int Packet, VmbPacket Handle, int HandleId, int DueStep, bool DeferFirst);
