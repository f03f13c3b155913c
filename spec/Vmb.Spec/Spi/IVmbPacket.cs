namespace Vmb.Spec.Spi;

/// <summary>
/// VMBPACKETCOMPLETION: the opaque handle of one presented packet (R-PP-4). The client owes exactly one
/// final answer per packet, Complete or Fail, over all its presentations (R-CMPL-1, D5).
/// </summary>
public interface IVmbPacket
{
    /// <summary>
    /// VmbChannelPacketComplete. Writes a type-0xB completion carrying the packet's transaction id and
    /// <paramref name="completionBuffer"/> to the outgoing ring exactly when the sender asked for one
    /// (R-CMPL-4…6); never fails, a reply that does not fit yet is queued (R-CMPL-8). Callable from any
    /// context up to DISPATCH_LEVEL (R-CMPL-2, R-CMPL-9). Afterwards the handle, buffer and views are dead (R-CMPL-7).
    /// </summary>
    void Complete(ReadOnlySpan<byte> completionBuffer);

    /// <summary>VmbChannelPacketFail: the packet's final answer; the channel stops presenting (R-FAIL-2, R-FAIL-3, D10).</summary>
    void Fail();

    /// <summary>
    /// VmbChannelPacketDeferToPassive: only from inside the presenting callback (R-DEF-2); not an answer
    /// (R-DEF-3); the packet is presented again at PASSIVE_LEVEL with the same bytes (R-DEF-1, R-DEF-4).
    /// </summary>
    void DeferToPassive();

    /// <summary>
    /// VmbChannelPacketGetExternalData. <paramref name="flags"/> is 0 or READ_ONLY (R-EXT-6). Returns
    /// STATUS_SUCCESS with a view (R-EXT-7), STATUS_PENDING without one (the packet is presented again once
    /// resident, R-EXT-8…10), or an error without one — always an error on a packet without the
    /// EXTERNAL_DATA flag (R-EXT-5, D4).
    /// </summary>
    int GetExternalData(uint flags, out IExternalDataView? view);

    /// <summary>VmbChannelPacketGetClientContext: this packet's scratch area of the configured size (R-CTX-3, R-CTX-4).</summary>
    Memory<byte> GetClientContext();
}
