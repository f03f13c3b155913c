using Vmb.Conformance.Tracing;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Checks.Completion;

/// <summary>
/// The header facts R-CMPL-6 and R-CMP-1 both state for a reply (the catalog has the rule twice, from the API and
/// from the wire format): what is wrong with its type or its data offset, or null.
/// </summary>
internal static class ReplyHeader
{
    public static string? WrongType(OutgoingPacketRead o) =>
        o.PacketType == (int)PacketType.Completion ? null : $"outgoing packet of type 0x{o.PacketType:X} where only completions (0xB) are sent";

    public static string? WrongOffset8(OutgoingPacketRead o) =>
        o.DataOffset8 == WireConstants.InBandOffset8 ? null : $"completion for tid {o.TransactionId} has offset8 {o.DataOffset8}, not 2";
}
