using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

/// <summary>Where one presentation of a packet stands. Every change happens under the channel's lock.</summary>
internal enum PresentationState
{
    /// <summary>Presented, not answered, not superseded.</summary>
    Live,

    /// <summary>Completed or failed through this handle.</summary>
    Answered,

    /// <summary>Deferred or PENDING: the packet comes back through a new handle (R-MIS-2 for this one).</summary>
    Superseded,
}

/// <summary>
/// The VMBPACKETCOMPLETION of one presentation (R-PP-4). A new object per presentation and never reused,
/// so a stale or answered handle is always recognised (R-MIS-1, R-MIS-2); this is the one allocation of
/// the inline-completion path.
/// </summary>
internal sealed class PacketHandle : IVmbPacket
{
    public PacketHandle(KmclChannel channel, PacketRecord record)
    {
        Channel = channel;
        Record = record;
    }

    public KmclChannel Channel { get; }

    /// <summary>The packet; valid while <see cref="State"/> is Live.</summary>
    public PacketRecord Record { get; }

    public PresentationState State;

    /// <summary>The presenting callback is running, on <see cref="CallbackThread"/>.</summary>
    public bool InCallback;
    public int CallbackThread;

    /// <summary>Set by DeferToPassive inside the callback.</summary>
    public bool DeferRequested;

    /// <summary>GetExternalData returned PENDING; the pages to wait for.</summary>
    public ulong[]? PendingPages;

    public void Complete(ReadOnlySpan<byte> completionBuffer) => Channel.Complete(this, completionBuffer);

    public void Fail() => Channel.Fail(this);

    public void DeferToPassive() => Channel.DeferToPassive(this);

    public int GetExternalData(uint flags, out IExternalDataView? view) => Channel.GetExternalData(this, flags, out view);

    public Memory<byte> GetClientContext() => Channel.GetClientContext(this);
}
