namespace Vmb.Spec.Kmcl;

/// <summary>Flag values of the KMCL interface (vmbuskernelmodeclientlibapi.h).</summary>
public static class KmclFlags
{
    /// <summary>VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA: the one ProcessPacket flag bit (R-PP-9, R-EXT-1).</summary>
    public const uint ProcessPacketExternalData = 0x1;

    /// <summary>VMBUS_CHANNEL_PROCESS_PACKET_FLAGS: mask of every defined ProcessPacket flag bit.</summary>
    public const uint ProcessPacketDefinedMask = 0x1;

    /// <summary>VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAG_READ_ONLY (R-EXT-6).</summary>
    public const uint ExternalDataReadOnly = 0x1;

    /// <summary>VMBUS_CHANNEL_PACKET_EXTERNAL_DATA_FLAGS: mask of defined GetExternalData flags.</summary>
    public const uint ExternalDataDefinedMask = 0x1;

    /// <summary>KMCL ring MTU (R-SR-8).</summary>
    public const int RingMtu = 524_280;
}
