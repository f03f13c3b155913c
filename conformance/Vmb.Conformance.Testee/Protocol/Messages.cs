namespace Vmb.Conformance.Testee.Protocol;

/// <summary>Message kinds of the testee protocol (spec/testee-protocol.md §3, §13, §14). A reply's kind is its call's kind | 0x8000.</summary>
internal enum MessageKind : ushort
{
    Hello = 0x0001,
    Map = 0x0002,
    Attach = 0x0003,
    Write = 0x0004,
    Commit = 0x0005,
    Revert = 0x0006,
    Read = 0x0007,
    Mask = 0x0008,
    Unmask = 0x0009,
    Detach = 0x000A,
    Shutdown = 0x000B,
    SignalAck = 0x000C,

    /// <summary>Version 4: from its reply on, frames travel through a shared-memory mailbox (§20).</summary>
    Mailbox = 0x000D,

    // Channel level, harness to testee (§13).
    MapChannel = 0x0020,
    Allocate = 0x0021,
    SetCallbacks = 0x0022,
    SetContextSize = 0x0023,
    SetStateCallbacks = 0x0024,
    SetPageSet = 0x0025,
    SetPassive = 0x0026,
    SetQuota = 0x0027,
    Enable = 0x0028,
    Pause = 0x0029,
    Start = 0x002A,
    Disable = 0x002B,
    ChannelSignal = 0x002C,
    PeerClosed = 0x002D,
    RunWork = 0x002E,
    Resident = 0x002F,
    Complete = 0x0030,
    Fail = 0x0031,
    Defer = 0x0032,
    GetExternal = 0x0033,
    ViewRead = 0x0034,
    ViewWrite = 0x0035,
    GetContext = 0x0036,
    Release = 0x0037,

    // Channel level, testee to harness (§14): up-calls, made only while the testee performs a down-call.
    ProcessPacket = 0x0040,
    ProcessingComplete = 0x0041,
    State = 0x0042,
    QueueWork = 0x0043,
    SignalPeer = 0x0044,
    TaskDone = 0x0045,
    Misuse = 0x0046,
    IntakeStopped = 0x0047,
    NonDataConsumed = 0x0048,
    GuestPage = 0x0049,
    WhenResident = 0x004A,
    GuestRead = 0x004B,
    GuestWrite = 0x004C,

    // Version 3: guest memory asked about many pages, and read from many, in one exchange (§14.7).
    GuestPages = 0x004D,
    GuestReadSegments = 0x004E,

    /// <summary>Testee to harness, during a ring operation: the implementation rang the doorbell.</summary>
    Signal = 0x8100,
}

/// <summary>The first byte of every reply body.</summary>
internal enum ResultCode : byte
{
    Ok = 0,
    RingFormatError = 1,
    Failed = 2,
    Unsupported = 3,

    /// <summary>Channel level: the call was refused as client misuse; the error block names the rule (§13.1).</summary>
    Violation = 4,
}

/// <summary>Constants of the protocol.</summary>
internal static class ProtocolConstants
{
    /// <summary>
    /// The highest version this harness speaks (the channel level needs 2; 3 adds the batched guest-memory up-calls; 4 the
    /// shared-memory mailbox).
    /// </summary>
    public const ushort Version = 4;

    /// <summary>The first version in which frames may travel through the mailbox (§20).</summary>
    public const ushort MailboxTransport = 4;

    /// <summary>The first version with GUEST_PAGES and GUEST_READ_SEGMENTS.</summary>
    public const ushort BatchedGuestMemory = 3;

    /// <summary>The first version in which the notifications (<see cref="IsNotification"/>) get no reply.</summary>
    public const ushort Notifications = 3;

    /// <summary>The lowest version this harness accepts (a ring-only testee may speak it).</summary>
    public const ushort MinVersion = 1;

    /// <summary>Bytes of the frame header: length (4), kind (2), reserved (2), id (4).</summary>
    public const int HeaderSize = 12;

    /// <summary>The smallest value of the length field: kind, reserved and id.</summary>
    public const int MinLength = 8;

    /// <summary>The largest frame length either side must accept (16 MiB).</summary>
    public const int MaxLength = 16 << 20;

    /// <summary>Level bit of the ring level in HELLO.</summary>
    public const uint LevelRing = 1;

    /// <summary>Level bit of the channel level (version 2).</summary>
    public const uint LevelChannel = 2;

    /// <summary>File descriptor the testee reads requests from.</summary>
    public const int RequestFd = 3;

    /// <summary>File descriptor the testee writes answers to.</summary>
    public const int AnswerFd = 4;

    /// <summary>Set to the protocol version in the testee's environment.</summary>
    public const string EnvironmentVariable = "VMB_TESTEE_PROTOCOL";

    /// <summary>A call the harness makes (ring requests and channel down-calls).</summary>
    public static bool IsRequest(ushort kind) =>
        kind is >= (ushort)MessageKind.Hello and <= (ushort)MessageKind.Mailbox or >= (ushort)MessageKind.MapChannel and <= (ushort)MessageKind.Release;

    /// <summary>A call the testee makes at the channel level.</summary>
    public static bool IsUpCall(ushort kind) => kind is >= (ushort)MessageKind.ProcessPacket and <= (ushort)MessageKind.GuestReadSegments;

    /// <summary>
    /// An up-call whose reply would carry nothing and would never be <c>failed</c>, and whose serving calls nothing in the
    /// channel: from version 3 on it gets no reply (§14).
    /// </summary>
    public static bool IsNotification(ushort kind) =>
        kind is (ushort)MessageKind.QueueWork or (ushort)MessageKind.Misuse or (ushort)MessageKind.IntakeStopped or (ushort)MessageKind.NonDataConsumed;

    /// <summary>Any frame either side may send: a call, a reply to one, or a ring-level SIGNAL.</summary>
    public static bool IsKnown(ushort kind)
    {
        var call = (ushort)(kind & 0x7FFF);
        if (kind == (ushort)MessageKind.Signal) return true;
        if ((kind & 0x8000) != 0 && call == (ushort)MessageKind.SignalAck) return false;
        return IsRequest(call) || IsUpCall(call);
    }

    public static string Name(ushort kind) => Names[kind] ??= Spell(kind);

    // Every call names its message for the error it may have to report; spelled once per kind, not once per call.
    private static readonly string?[] Names = new string?[ushort.MaxValue + 1];

    private static string Spell(ushort kind)
    {
        if (kind == (ushort)MessageKind.Signal) return "SIGNAL";
        var call = (ushort)(kind & 0x7FFF);
        if (!IsKnown(kind)) return $"0x{kind:x4}";
        var name = call switch
        {
            (ushort)MessageKind.SignalAck => "SIGNAL_ACK",
            (ushort)MessageKind.ChannelSignal => "SIGNAL",
            _ => Snake(((MessageKind)call).ToString()),
        };
        return (kind & 0x8000) != 0 ? name + "_REPLY" : name;
    }

    // MapChannel -> MAP_CHANNEL, as the spec writes message names.
    private static string Snake(string pascal)
    {
        var text = new System.Text.StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToUpperInvariant(c));
        }
        return text.ToString();
    }
}
