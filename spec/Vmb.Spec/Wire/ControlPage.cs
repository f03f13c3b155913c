using System.Buffers.Binary;

namespace Vmb.Spec.Wire;

/// <summary>Offsets and accessors of the 4096-byte control page (R-RING-2).</summary>
public static class ControlPage
{
    /// <summary>u32 write index, owned by the ring writer.</summary>
    public const int WriteIndexOffset = 0;

    /// <summary>u32 read index, owned by the ring reader.</summary>
    public const int ReadIndexOffset = 4;

    /// <summary>u32 interrupt mask, owned by the ring reader (R-SIG-1, R-SIG-3).</summary>
    public const int InterruptMaskOffset = 8;

    /// <summary>u32 pending send size, owned by the ring writer (R-SIG-4, R-SIG-5).</summary>
    public const int PendingSendSizeOffset = 12;

    /// <summary>Start of the 48 reserved bytes after pending_send_size.</summary>
    public const int ReservedOffset = 16;

    /// <summary>u32 feature bits, written once by the ring's creator (R-RING-12, R-SIG-8).</summary>
    public const int FeatureBitsOffset = 64;

    /// <summary>Feature bit 0: the pending-send-size protocol is supported (R-SIG-8).</summary>
    public const uint FeaturePendingSendSize = 0x1;

    /// <summary>Reads a little-endian u32 control field.</summary>
    public static uint Read(ReadOnlySpan<byte> controlPage, int fieldOffset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(controlPage.Slice(fieldOffset, 4));

    /// <summary>Writes a little-endian u32 control field.</summary>
    public static void Write(Span<byte> controlPage, int fieldOffset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(controlPage.Slice(fieldOffset, 4), value);

    /// <summary>Field name for an offset, for error messages.</summary>
    public static string FieldName(int fieldOffset) => fieldOffset switch
    {
        WriteIndexOffset => "write_index",
        ReadIndexOffset => "read_index",
        InterruptMaskOffset => "interrupt_mask",
        PendingSendSizeOffset => "pending_send_size",
        FeatureBitsOffset => "feature_bits",
        _ => $"control+{fieldOffset}",
    };
}
