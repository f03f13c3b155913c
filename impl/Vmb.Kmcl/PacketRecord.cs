using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

/// <summary>
/// Per-packet state from intake to answer: the channel's own copy of the packet (the ring slot is freed
/// once the read index is published) plus what presentation needs. Pooled by the channel, so the common
/// path allocates nothing; a record is reused only after its packet was answered. A record is one slot of
/// the channel's slot table: the tokens of its presentations name <see cref="Slot"/>, and its
/// <see cref="Ledger"/> tells a live token from a stale one across every packet the record has carried (D32).
/// </summary>
internal sealed class PacketRecord(int slot)
{
    private static readonly byte[] NoContext = [];

    /// <summary>This record's index in the channel's slot table.</summary>
    public int Slot { get; } = slot;

    /// <summary>The presentations made from this slot, for telling live tokens from stale ones.</summary>
    public readonly PresentationLedger Ledger = new();

    /// <summary>Packet bytes from the descriptor to the end of the padding.</summary>
    public byte[] Bytes = new byte[512];

    public PacketDescriptor Descriptor;

    /// <summary>Where Buffer starts inside <see cref="Bytes"/> and how long it is (per framing profile).</summary>
    public int BufferOffset;
    public int BufferLength;

    /// <summary>ProcessPacket flags (only EXTERNAL_DATA, R-PP-9).</summary>
    public uint Flags;

    /// <summary>The client context scratch area (R-CTX-3, R-CTX-4); survives re-presentations.</summary>
    public byte[] ClientContext = NoContext;

    /// <summary>Views handed out for this packet; all die at its answer (R-EXT-14).</summary>
    public readonly List<ExternalDataView> Views = new();

    /// <summary>The next presentation must run at PASSIVE_LEVEL (after Defer, R-DEF-1).</summary>
    public bool NeedsPassive;

    /// <summary>DeferToPassive was called in the current presentation's callback.</summary>
    public bool DeferRequested;

    /// <summary>GetExternalData returned PENDING in the current presentation; the pages to wait for.</summary>
    public ulong[]? PendingPages;

    /// <summary>Ring order of the packet, counted from 1 (diagnostics and ordering checks).</summary>
    public long Sequence;

    /// <summary>The token of the latest presentation, for the inline answer's check without the lock.</summary>
    public ulong Token;

    /// <summary>Who answers the presentation whose callback runs now (<see cref="InlineClaim"/>); changed only atomically.</summary>
    public int Claim;

    /// <summary>The reply given through <see cref="InlineClaim.Answered"/>, until the channel writes it under its lock.</summary>
    private byte[] _inlineReply = [];
    private int _inlineReplyLength;

    public ReadOnlySpan<byte> InlineReply => _inlineReply.AsSpan(0, _inlineReplyLength);

    public ReadOnlySpan<byte> Buffer => Bytes.AsSpan(BufferOffset, BufferLength);

    public void EnsureCapacity(int bytes)
    {
        if (Bytes.Length < bytes) Bytes = new byte[Math.Max(bytes, Bytes.Length * 2)];
    }

    /// <summary>A new presentation starts: nothing requested yet.</summary>
    public void BeginPresentation()
    {
        DeferRequested = false;
        PendingPages = null;
    }

    /// <summary>Keeps a copy of an inline reply; grows only for a longer reply than any before, so steady state allocates nothing.</summary>
    public void KeepInlineReply(ReadOnlySpan<byte> reply)
    {
        if (_inlineReply.Length < reply.Length) _inlineReply = new byte[Math.Max(reply.Length, _inlineReply.Length * 2)];
        reply.CopyTo(_inlineReply);
        _inlineReplyLength = reply.Length;
    }

    public void PrepareContext(int size)
    {
        if (ClientContext.Length != size) ClientContext = size == 0 ? NoContext : new byte[size];
        else if (size != 0) ClientContext.AsSpan().Clear();
    }

    /// <summary>Kills every view (R-EXT-14, R-EXT-15, R-CMPL-3) and forgets per-packet state before pooling.</summary>
    public void Release()
    {
        if (Views.Count != 0)
        {
            foreach (var view in Views) view.Kill();
            Views.Clear();
        }
        NeedsPassive = false;
        DeferRequested = false;
        PendingPages = null;
    }
}
