namespace Vmb.Spec.Spi;

/// <summary>
/// VMBPACKETCOMPLETION: the opaque handle of one presented packet (R-PP-4). The client owes exactly one
/// final answer per packet, Complete or Fail, over all its presentations (R-CMPL-1, D5).
/// </summary>
/// <remarks>
/// A value, not an object (D32): the implementation that presented the packet (<see cref="Owner"/>) and a
/// token it chose (<see cref="Token"/>). Presenting a packet therefore needs no allocation, and every call
/// goes back to the owner with the token, which is how a strict owner still recognises a late second answer
/// or a stale handle after it reused its own storage (R-MIS-1, R-MIS-2). Two handles are equal when they have
/// the same owner and the same token. <c>default(VmbPacket)</c> names no packet: every member then throws
/// <see cref="InvalidOperationException"/> (not a <see cref="ContractViolationException"/>: no owner exists
/// that could report it, and either party may be at fault — a client using an unset handle, or an
/// implementation presenting one).
/// </remarks>
public readonly struct VmbPacket : IEquatable<VmbPacket>
{
    private readonly IVmbPacketOwner? _owner;

    /// <summary>The handle <paramref name="owner"/> issues for the presentation it calls <paramref name="token"/>.</summary>
    public VmbPacket(IVmbPacketOwner owner, ulong token)
    {
        _owner = owner ?? throw new ArgumentNullException(nameof(owner));
        Token = token;
    }

    /// <summary>The implementation that presented the packet; null only for <c>default(VmbPacket)</c>.</summary>
    public IVmbPacketOwner? Owner => _owner;

    /// <summary>The owner's name for the presentation; meaningful to the owner only.</summary>
    public ulong Token { get; }

    /// <summary>True for <c>default(VmbPacket)</c>, which no implementation ever presents.</summary>
    public bool IsDefault => _owner is null;

    /// <summary>
    /// VmbChannelPacketComplete. Writes a type-0xB completion carrying the packet's transaction id and
    /// <paramref name="completionBuffer"/> to the outgoing ring exactly when the sender asked for one
    /// (R-CMPL-4…6); never fails, a reply that does not fit yet is queued (R-CMPL-8). Callable from any
    /// context up to DISPATCH_LEVEL (R-CMPL-2, R-CMPL-9). Afterwards the handle, buffer and views are dead (R-CMPL-7).
    /// </summary>
    public void Complete(ReadOnlySpan<byte> completionBuffer) => Issuer.Complete(Token, completionBuffer);

    /// <summary>VmbChannelPacketFail: the packet's final answer; the channel stops presenting (R-FAIL-2, R-FAIL-3, D10).</summary>
    public void Fail() => Issuer.Fail(Token);

    /// <summary>
    /// VmbChannelPacketDeferToPassive: only from inside the presenting callback (R-DEF-2); not an answer
    /// (R-DEF-3); the packet is presented again at PASSIVE_LEVEL with the same bytes (R-DEF-1, R-DEF-4).
    /// </summary>
    public void DeferToPassive() => Issuer.DeferToPassive(Token);

    /// <summary>
    /// VmbChannelPacketGetExternalData. <paramref name="flags"/> is 0 or READ_ONLY (R-EXT-6). Returns
    /// STATUS_SUCCESS with a view (R-EXT-7), STATUS_PENDING without one (the packet is presented again once
    /// resident, R-EXT-8…10), or an error without one — always an error on a packet without the
    /// EXTERNAL_DATA flag (R-EXT-5, D4).
    /// </summary>
    public int GetExternalData(uint flags, out IExternalDataView? view) => Issuer.GetExternalData(Token, flags, out view);

    /// <summary>VmbChannelPacketGetClientContext: this packet's scratch area of the configured size (R-CTX-3, R-CTX-4).</summary>
    public Memory<byte> GetClientContext() => Issuer.GetClientContext(Token);

    private IVmbPacketOwner Issuer =>
        _owner ?? throw new InvalidOperationException("default(VmbPacket) names no packet: no implementation presented it (R-PP-4)");

    /// <inheritdoc />
    public bool Equals(VmbPacket other) => ReferenceEquals(_owner, other._owner) && Token == other.Token;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VmbPacket other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(_owner is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_owner), Token);

    /// <summary>True when both name the same presentation of the same owner.</summary>
    public static bool operator ==(VmbPacket left, VmbPacket right) => left.Equals(right);

    /// <summary>True when they name different presentations or owners.</summary>
    public static bool operator !=(VmbPacket left, VmbPacket right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _owner is null ? "VmbPacket(default)" : $"VmbPacket({_owner.GetType().Name}, 0x{Token:X16})";
}
