namespace Vmb.Spec.Spi;

/// <summary>
/// The issuer of <see cref="VmbPacket"/> handles: an implementation implements it once (typically on its
/// channel) and answers every call a client makes through a handle, identified by the token it chose when
/// presenting the packet (D32). The token is the owner's own business — a slot index and a generation, say —
/// and a handle is only ever passed back to the owner that issued it.
/// </summary>
/// <remarks>
/// Because an owner sees every token it ever issued come back, it can recognise one that no longer names a
/// live presentation (a late second answer, a superseded or answered handle) even when it reuses its own
/// storage for later packets: it only has to make sure an old token never equals a live one, for example by
/// bumping a generation. Each member has the meaning of the <see cref="VmbPacket"/> member of the same name.
/// </remarks>
public interface IVmbPacketOwner
{
    /// <summary>VmbChannelPacketComplete for the presentation <paramref name="token"/> names; see <see cref="VmbPacket.Complete"/>.</summary>
    void Complete(ulong token, ReadOnlySpan<byte> completionBuffer);

    /// <summary>VmbChannelPacketFail for the presentation <paramref name="token"/> names; see <see cref="VmbPacket.Fail"/>.</summary>
    void Fail(ulong token);

    /// <summary>VmbChannelPacketDeferToPassive for the presentation <paramref name="token"/> names; see <see cref="VmbPacket.DeferToPassive"/>.</summary>
    void DeferToPassive(ulong token);

    /// <summary>VmbChannelPacketGetExternalData for the presentation <paramref name="token"/> names; see <see cref="VmbPacket.GetExternalData"/>.</summary>
    int GetExternalData(ulong token, uint flags, out IExternalDataView? view);

    /// <summary>VmbChannelPacketGetClientContext for the presentation <paramref name="token"/> names; see <see cref="VmbPacket.GetClientContext"/>.</summary>
    Memory<byte> GetClientContext(ulong token);
}
