using System.Buffers.Binary;
using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Testee;

/// <summary>
/// Frames exchanged with testees in this process, by kind and direction: what the protocol's cost is made of, for the
/// measurements (impl/Vmb.Benchmarks protocol). Counting is a pair of increments per frame, so it is always on.
/// </summary>
internal static class ProtocolTally
{
    private static readonly long[] Sent = new long[ushort.MaxValue + 1];
    private static readonly long[] Received = new long[ushort.MaxValue + 1];
    private static readonly long[] Waited = new long[ushort.MaxValue + 1];

    public static void CountSent(ReadOnlySpan<byte> frame)
    {
        if (frame.Length >= ProtocolConstants.HeaderSize) Interlocked.Increment(ref Sent[BinaryPrimitives.ReadUInt16LittleEndian(frame[4..])]);
    }

    /// <summary>A frame received after waiting <paramref name="ticks"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks) for it.</summary>
    public static void CountReceived(ushort kind, long ticks)
    {
        Interlocked.Increment(ref Received[kind]);
        Interlocked.Add(ref Waited[kind], ticks);
    }

    public static void Reset()
    {
        Array.Clear(Sent);
        Array.Clear(Received);
        Array.Clear(Waited);
    }

    /// <summary>
    /// Frames per kind name, sent (harness → testee) and received (testee → harness), with the time the harness waited
    /// for the received ones; the most frequent first.
    /// </summary>
    public static IReadOnlyList<(string Kind, long Sent, long Received, TimeSpan Waited)> Snapshot() =>
        Enumerable.Range(0, Sent.Length)
            .Where(k => Volatile.Read(ref Sent[k]) + Volatile.Read(ref Received[k]) > 0)
            .Select(k => (ProtocolConstants.Name((ushort)k), Volatile.Read(ref Sent[k]), Volatile.Read(ref Received[k]),
                System.Diagnostics.Stopwatch.GetElapsedTime(0, Volatile.Read(ref Waited[k]))))
            .OrderByDescending(t => t.Item2 + t.Item3)
            .ToList();
}
