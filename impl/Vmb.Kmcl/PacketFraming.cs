using System.Runtime.CompilerServices;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

/// <summary>The rule a packet breaks and why; it then never reaches the client (R-PP-17).</summary>
/// <remarks>A class, not a tuple: the common result is null, which costs nothing to return.</remarks>
internal sealed record Unfit(string RuleId, string Detail);

/// <summary>What ProcessPacket is given for one packet, per framing profile (D1, D2, D3).</summary>
internal static class PacketFraming
{
    /// <summary>
    /// Fills the record's Buffer range and Flags; returns null when the packet is fit for the client,
    /// else the rule it breaks and why (it then never reaches the client, R-PP-17).
    /// </summary>
    public static Unfit? Frame(PacketRecord record, PacketDescriptor d, FramingProfile profile, bool transferPagesAreExternal)
    {
        if (d.Type == (ushort)PacketType.InBand && profile == FramingProfile.Raw)
        {
            // The common packet: no ranges to check, no flag, the payload as it lies (R-PP-7).
            record.Flags = 0;
            record.BufferOffset = d.DataOffset;
            record.BufferLength = d.PayloadLength;
            return null;
        }
        return FrameChecked(record, d, profile, transferPagesAreExternal);
    }

    // Apart from the common packet so that its path carries none of these checks' locals and messages.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Unfit? FrameChecked(PacketRecord record, PacketDescriptor d, FramingProfile profile, bool transferPagesAreExternal)
    {
        var type = (PacketType)d.Type;
        var ranges = ExternalRanges.Validate(record.Bytes.AsSpan(0, d.Length), d);
        if (ranges is not null) return new Unfit("R-MAL-8", ranges);
        record.Flags = type switch
        {
            PacketType.GpaDirect => KmclFlags.ProcessPacketExternalData,
            PacketType.TransferPages when transferPagesAreExternal => KmclFlags.ProcessPacketExternalData,
            _ => 0,
        };
        if (profile == FramingProfile.Raw)
        {
            // Raw: everything from offset8*8 to len8*8; padding is payload here (R-PP-7).
            record.BufferOffset = d.DataOffset;
            record.BufferLength = d.PayloadLength;
            return null;
        }
        if (type != PacketType.InBand) return new Unfit("R-EXT-19", $"packet type 0x{d.Type:X} on a pipe channel, which carries in-band data only");
        if (d.PayloadLength < WireConstants.PipeHeaderSize)
            return new Unfit("R-PP-24", $"payload of {d.PayloadLength} bytes has no room for the {WireConstants.PipeHeaderSize}-byte pipe header");
        var pipe = PipeHeader.Read(record.Bytes.AsSpan(d.DataOffset));
        var present = d.PayloadLength - WireConstants.PipeHeaderSize;
        if (pipe.DataSize > present || pipe.DataSize > WireConstants.PipeMaxPayload)
            return new Unfit("R-PP-24", $"pipe data size {pipe.DataSize} exceeds the {present} bytes present or the {WireConstants.PipeMaxPayload}-byte limit");
        record.BufferOffset = d.DataOffset + WireConstants.PipeHeaderSize;
        record.BufferLength = (int)pipe.DataSize;
        return null;
    }
}
