using Vmb.Spec.Memory;

namespace Vmb.Conformance.Rings;

/// <summary>
/// What a probe's mutator does, whichever thread runs it (D15): one pass stores every split version's first descriptor
/// word and last trailer, dwells, stores the whole versions', dwells. Each word is one aligned 8-byte store, so no reader
/// sees a torn word; <see cref="Switches"/> counts the version changes, so the driver can tell a read that raced the
/// switching from one that did not. The dwell times come from the seed, so a printed scenario names the same schedule.
/// </summary>
internal sealed unsafe class VersionSwitcher(MemoryRegion dataArea, ulong seed)
{
    private ulong _state = seed | 1;
    private long _switches;

    /// <summary>Version switches made so far; read from any thread.</summary>
    public long Switches => Interlocked.Read(ref _switches);

    /// <summary>
    /// Switches <paramref name="packets"/> to their split versions and back, dwelling after each; counted in
    /// <see cref="Switches"/> unless <paramref name="counted"/> is false (the reader is known not to be reading yet).
    /// </summary>
    public void Pass(SwitchedPacket[] packets, bool counted = true)
    {
        foreach (var packet in packets) Store(packet, whole: false);
        if (counted) Interlocked.Increment(ref _switches);
        Thread.SpinWait(Dwell());
        foreach (var packet in packets) Store(packet, whole: true);
        if (counted) Interlocked.Increment(ref _switches);
        Thread.SpinWait(Dwell());
    }

    /// <summary>True when a word <see cref="Pass"/> stores for <paramref name="packet"/> lies in the <paramref name="length"/> bytes at <paramref name="offset"/> of the data area.</summary>
    public bool Touches(SwitchedPacket packet, int offset, int length) =>
        Within(packet.At, offset, length) || Within(packet.TrailerAt(dataArea.Length), offset, length);

    private bool Within(int word, int offset, int length) => (word - offset + dataArea.Length) % dataArea.Length < length;

    private void Store(SwitchedPacket packet, bool whole)
    {
        var size = dataArea.Length;
        Volatile.Write(ref *(ulong*)(dataArea.Address + packet.At), packet.HeadWord(whole));
        Volatile.Write(ref *(ulong*)(dataArea.Address + packet.TrailerAt(size)), packet.TrailerWord(whole, size));
    }

    // Seeded dwell times (xorshift64), zero or one spin: the versions change as often as the stores allow.
    private int Dwell()
    {
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        return (int)(_state % 2);
    }
}
