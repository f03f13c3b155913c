namespace Vmb.Conformance.Testee.Protocol;

/// <summary>Message kinds of testee protocol v1 (spec/testee-protocol.md §3). A reply's kind is its request's kind | 0x8000.</summary>
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

    /// <summary>Testee to harness, during an operation: the implementation rang the doorbell.</summary>
    Signal = 0x8100,
}

/// <summary>The first byte of every reply body.</summary>
internal enum ResultCode : byte
{
    Ok = 0,
    RingFormatError = 1,
    Failed = 2,
    Unsupported = 3,
}

/// <summary>Constants of protocol v1.</summary>
internal static class ProtocolConstants
{
    /// <summary>The one version this harness speaks.</summary>
    public const ushort Version = 1;

    /// <summary>Bytes of the frame header: length (4), kind (2), reserved (2), id (4).</summary>
    public const int HeaderSize = 12;

    /// <summary>The smallest value of the length field: kind, reserved and id.</summary>
    public const int MinLength = 8;

    /// <summary>The largest frame length either side must accept (16 MiB).</summary>
    public const int MaxLength = 16 << 20;

    /// <summary>Level bit of the ring level in HELLO.</summary>
    public const uint LevelRing = 1;

    /// <summary>Level bit of the channel level (not spoken by v1 harnesses).</summary>
    public const uint LevelChannel = 2;

    /// <summary>File descriptor the testee reads requests from.</summary>
    public const int RequestFd = 3;

    /// <summary>File descriptor the testee writes answers to.</summary>
    public const int AnswerFd = 4;

    /// <summary>Set to the protocol version in the testee's environment.</summary>
    public const string EnvironmentVariable = "VMB_TESTEE_PROTOCOL";

    public static bool IsRequest(ushort kind) => kind is >= (ushort)MessageKind.Hello and <= (ushort)MessageKind.SignalAck;

    public static bool IsAnswer(ushort kind) =>
        kind == (ushort)MessageKind.Signal || (kind & 0x8000) != 0 && IsRequest((ushort)(kind & 0x7FFF)) && kind != ((ushort)MessageKind.SignalAck | 0x8000);

    public static string Name(ushort kind) => kind switch
    {
        (ushort)MessageKind.Signal => "SIGNAL",
        _ when (kind & 0x8000) != 0 && IsRequest((ushort)(kind & 0x7FFF)) => Name((ushort)(kind & 0x7FFF)) + "_REPLY",
        _ when IsRequest(kind) => ((MessageKind)kind).ToString().ToUpperInvariant() switch { "SIGNALACK" => "SIGNAL_ACK", var n => n },
        _ => $"0x{kind:x4}",
    };
}
