using Vmb.Spec.Spi;

namespace Vmb.Conformance.Driver;

/// <summary>
/// Which scenario packet a presentation is (D31). The callback gives the client nothing the harness chose except
/// the payload it wrote, so identity is settled by, in order:
/// <list type="number">
/// <item>the packet's tag: the first eight bytes of its payload, when no other packet of the scenario starts with
/// them, found anywhere in the buffer — so a buffer that starts at the wrong offset, has the wrong length or the
/// wrong flags still names its packet;</item>
/// <item>the handle: a packet owed a re-presentation that was last presented with this handle (an implementation
/// may re-present with the same handle or a fresh one);</item>
/// <item>for payloads too short to carry a tag, exact resemblance, in ring-order preference: a packet owed a
/// re-presentation, the next packet in ring order, a packet that must never be presented (0xB, 0xA, malformed)
/// lying where the reader is now (after the last packet presented, before the next one), a packet already presented
/// (a duplicate), a later one (out of order), any other packet that must never be presented;</item>
/// <item>position alone: a packet owed a re-presentation that looked exactly like this last time (a consistent
/// framing bug), else the next packet in ring order, else one owed a re-presentation, else any outstanding one.</item>
/// </list>
/// A wrong field therefore never moves a presentation to another packet unless the payload is shorter than a tag
/// and another packet looks exactly like it; the checks then judge whether what happened was legitimate.
/// </summary>
internal static class PresentationIdentity
{
    /// <summary>Bytes of a tag.</summary>
    public const int TagSize = 8;

    /// <summary>Each packet's tag: its payload's first <see cref="TagSize"/> bytes when no other packet's payload starts with them.</summary>
    public static byte[]?[] Tags(IReadOnlyList<byte[]> payloads)
    {
        var prefixes = payloads.Select(p => p.Length >= TagSize ? Convert.ToHexString(p, 0, TagSize) : null).ToArray();
        var counts = prefixes.Where(p => p is not null).GroupBy(p => p!).ToDictionary(g => g.Key, g => g.Count());
        return payloads.Select((p, i) => prefixes[i] is { } prefix && counts[prefix] == 1 ? p[..TagSize] : null).ToArray();
    }

    /// <summary>The packet this presentation is, or null when no written packet can be named.</summary>
    public static PacketState? Of(IReadOnlyList<PacketState> packets, VmbPacket handle, byte[] bytes, uint length, uint flags)
    {
        var written = packets.Where(p => p.Written).ToList();
        var data = written.Where(p => p.Step.IsPresentable).ToList();
        var next = data.FirstOrDefault(p => p.Presentations == 0);
        var due = data.Where(p => p.AwaitingRepresentation && !p.Answered).ToList();
        var lastPresented = data.Where(p => p.Presentations > 0).Select(p => p.Index).DefaultIfEmpty(-1).Max();
        var passing = written.Where(p => !p.Step.IsPresentable && p.Presentations == 0 && p.Index > lastPresented && p.Index < (next?.Index ?? int.MaxValue));
        return Tagged(written, bytes)
            ?? due.FirstOrDefault(p => p.LastHandle == handle)
            ?? due.FirstOrDefault(p => p.Matches(bytes, length, flags))
            ?? (next is not null && next.Matches(bytes, length, flags) ? next : null)
            ?? passing.FirstOrDefault(p => p.Matches(bytes, length, flags))
            ?? data.FirstOrDefault(p => p.Presentations > 0 && p.Matches(bytes, length, flags))
            ?? data.FirstOrDefault(p => p.Presentations == 0 && p.Matches(bytes, length, flags))
            ?? written.FirstOrDefault(p => !p.Step.IsPresentable && p.Matches(bytes, length, flags))
            ?? due.FirstOrDefault(p => p.LastSeen is { } last && last.Length == length && last.Flags == flags && last.Bytes.AsSpan().SequenceEqual(bytes))
            ?? next
            ?? due.FirstOrDefault()
            ?? data.FirstOrDefault(p => p.Outstanding);
    }

    /// <summary>The written packet whose tag occurs earliest in the buffer.</summary>
    private static PacketState? Tagged(List<PacketState> written, byte[] bytes)
    {
        PacketState? found = null;
        var at = int.MaxValue;
        foreach (var p in written)
        {
            if (p.Tag is null) continue;
            var i = bytes.AsSpan().IndexOf(p.Tag);
            if (i >= 0 && i < at) (found, at) = (p, i);
        }
        return found;
    }
}
