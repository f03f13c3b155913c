using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Driver;

/// <summary>Turns a write step into wire bytes (descriptor to padding, no trailer), malformations included.</summary>
internal static class PacketEncoder
{
    public static byte[] Encode(WritePacketStep step, FramingProfile profile)
    {
        var flags = step.CompletionRequested ? WireConstants.FlagCompletionRequested : (ushort)0;
        var payload = WirePayload(step, profile);
        switch (step.Kind)
        {
            case PacketKind.InBand:
                return Build(PacketType.InBand, [], payload, flags, step.TransactionId);
            case PacketKind.Completion:
                return Build(PacketType.Completion, [], payload, 0, step.TransactionId);
            case PacketKind.Cancel:
                return Build(PacketType.Cancel, [], [], 0, step.TransactionId);
            case PacketKind.TransferPages:
            {
                var header = new byte[RangeHeaders.TransferPageHeaderBytes(step.Ranges.Length)];
                RangeHeaders.WriteTransferPages(header, step.PageSetId, step.Ranges.Select(r => new TransferPageRange(r.ByteCount, r.ByteOffset)).ToArray());
                return Build(PacketType.TransferPages, header, payload, flags, step.TransactionId);
            }
            case PacketKind.GpaDirect:
                return Build(PacketType.GpaDirect, GpaHeader(step.Ranges), payload, flags, step.TransactionId);
            default:
                return Malformed(step, profile, payload, flags);
        }
    }

    /// <summary>The in-band payload as written: the step's bytes, behind the pipe header in pipe profile.</summary>
    public static byte[] WirePayload(WritePacketStep step, FramingProfile profile)
    {
        if (profile != FramingProfile.Pipe || step.Kind is not (PacketKind.InBand or PacketKind.Malformed)) return step.Payload;
        var bytes = new byte[WireConstants.PipeHeaderSize + step.Payload.Length];
        var size = step.Malformation == Malformation.PipeSizeBeyondPayload ? (uint)step.Payload.Length + 64 : (uint)step.Payload.Length;
        new PipeHeader(PipeHeader.DataMessage, size).Write(bytes);
        step.Payload.CopyTo(bytes, WireConstants.PipeHeaderSize);
        return bytes;
    }

    private static byte[] GpaHeader(ExternalRange[] ranges)
    {
        var gpa = ranges.Select(r => new GpaRange(r.ByteCount, r.ByteOffset, r.Pages)).ToArray();
        var header = new byte[RangeHeaders.GpaDirectHeaderBytes(gpa)];
        RangeHeaders.WriteGpaDirect(header, gpa);
        return header;
    }

    private static byte[] Build(PacketType type, byte[] header, byte[] payload, ushort flags, ulong tid)
    {
        var d = PacketDescriptor.For(type, header.Length, payload.Length, flags, tid);
        var bytes = new byte[d.Length];
        d.Write(bytes);
        header.CopyTo(bytes, WireConstants.DescriptorSize);
        payload.CopyTo(bytes, d.DataOffset);
        return bytes;
    }

    private static byte[] Malformed(WritePacketStep step, FramingProfile profile, byte[] payload, ushort flags)
    {
        var bytes = Build(PacketType.InBand, [], payload, flags, step.TransactionId);
        var d = PacketDescriptor.Read(bytes);
        switch (step.Malformation)
        {
            case Malformation.Offset8BelowMinimum: d = d with { Offset8 = 1 }; break;
            case Malformation.Len8BelowOffset8: d = d with { Offset8 = (ushort)Math.Max(2, (int)d.Len8), Len8 = (ushort)(Math.Max(2, (int)d.Len8) - 1) }; break;
            case Malformation.UndefinedFlagBits: d = d with { Flags = (ushort)(d.Flags | 0x4) }; break;
            case Malformation.UnknownType: d = d with { Type = 0x5 }; break;
            case Malformation.GpaWithoutRanges:
                bytes = Build(PacketType.GpaDirect, GpaHeader([]), payload, flags, step.TransactionId);
                return bytes;
            case Malformation.PipeSizeBeyondPayload: return bytes;
        }
        d.Write(bytes);
        return bytes;
    }
}
