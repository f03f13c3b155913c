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
/// so a stale or answered handle is always recognised (R-MIS-1, R-MIS-2); at 32 bytes it is the one
/// allocation of the inline-completion path. Per-presentation requests (Defer, PENDING) live on the
/// record, which belongs to this handle while it is Live.
/// </summary>
internal sealed class PacketHandle : IVmbPacket
{
    public PacketHandle(PacketRecord record, int callbackThread)
    {
        Record = record;
        CallbackThread = callbackThread;
    }

    /// <summary>The packet; valid while <see cref="State"/> is Live.</summary>
    public PacketRecord Record { get; }

    public PresentationState State;

    /// <summary>The managed thread running the presenting callback; 0 once it returned.</summary>
    public int CallbackThread;

    public bool InCallback => CallbackThread != 0;

    private KmclChannel Channel => Record.Owner;

    public void Complete(ReadOnlySpan<byte> completionBuffer) => Channel.Complete(this, completionBuffer);

    public void Fail() => Channel.Fail(this);

    public void DeferToPassive() => Channel.DeferToPassive(this);

    public int GetExternalData(uint flags, out IExternalDataView? view) => Channel.GetExternalData(this, flags, out view);

    public Memory<byte> GetClientContext() => Channel.GetClientContext(this);
}
