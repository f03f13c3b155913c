using System.Diagnostics;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Testee;

/// <summary>
/// One side's view of a mailbox (spec/testee-protocol.md §20): a byte stream in each direction through two rings in
/// shared memory, so a frame costs a copy instead of a pipe write and a wake-up of the other process. A side that finds
/// nothing to read (or no room to write) polls for a short while, then says it is waiting and sleeps on its pipe; the
/// other side, after moving a position, wakes it with one byte. The bytes that pass are exactly those a pipe would
/// carry, so the frame layer above does not know which it reads.
/// </summary>
internal sealed unsafe class MailboxStream : Stream
{
    // How long a side polls before it sleeps. Long enough to cover a reply that is being computed (a few microseconds
    // on the other core), short enough that a side waiting for a whole scenario to be judged soon gives its core back.
    private static readonly long PollTicks = Stopwatch.Frequency / 20_000; // 50 µs

    // How long a side with work to do while it waits (WhileWaiting) polls before it sleeps: long enough for any answer of
    // a testee that runs beside it, short enough that a busy machine's other programs get the core back soon; a testee
    // that hangs is then waited for asleep, on its pipe, until the step limit.
    private static readonly long WorkingPollTicks = Stopwatch.Frequency / 500; // 2 ms

    private readonly byte* _inRing, _outRing;
    private readonly long _inSize, _outSize;
    private readonly long* _inWritten, _inRead, _outWritten, _outRead;
    private readonly int* _ownWaiting, _peerWaiting;
    private readonly Stream _wakeIn, _wakeOut;
    private readonly string _peer;
    private readonly byte[] _tokens = new byte[64];
    private long _inWrittenSeen, _outReadSeen;

    /// <summary>
    /// Work for this side's thread between its looks while it waits to read (the harness's probe mutator), told whether
    /// the other side has taken every byte this side wrote (and so works on them right now); it returns false when it had
    /// nothing to do. Null: the side only polls, then sleeps.
    /// </summary>
    public Func<bool, bool>? WhileWaiting { get; set; }

    private MailboxStream(MemoryRegion file, MailboxGeometry geometry, bool harness, Stream wakeIn, Stream wakeOut)
    {
        if (geometry.Problem() is { } problem) throw new ArgumentException(problem, nameof(geometry));
        if ((ulong)file.Length < geometry.FileSize) throw new ArgumentException("the mapping is shorter than the mailbox file", nameof(file));
        var b = (byte*)file.Address;
        var requests = (Offset: geometry.RequestsOffset, Size: geometry.RequestsSize, Written: MailboxGeometry.RequestsWritten, Read: MailboxGeometry.RequestsRead);
        var answers = (Offset: geometry.AnswersOffset, Size: geometry.AnswersSize, Written: MailboxGeometry.AnswersWritten, Read: MailboxGeometry.AnswersRead);
        var ((inOffset, inSize, inWritten, inRead), (outOffset, outSize, outWritten, outRead)) = harness ? (answers, requests) : (requests, answers);
        _inRing = b + inOffset;
        _inSize = inSize;
        _inWritten = (long*)(b + inWritten);
        _inRead = (long*)(b + inRead);
        _outRing = b + outOffset;
        _outSize = outSize;
        _outWritten = (long*)(b + outWritten);
        _outRead = (long*)(b + outRead);
        _ownWaiting = (int*)(b + (harness ? MailboxGeometry.HarnessWaiting : MailboxGeometry.TesteeWaiting));
        _peerWaiting = (int*)(b + (harness ? MailboxGeometry.TesteeWaiting : MailboxGeometry.HarnessWaiting));
        _wakeIn = wakeIn;
        _wakeOut = wakeOut;
        _peer = harness ? "testee" : "harness";
    }

    /// <summary>The harness's side: reads answers, writes requests; sleeps on the answer pipe, wakes the testee through the request pipe.</summary>
    public static MailboxStream ForHarness(MemoryRegion file, MailboxGeometry geometry, Stream answerPipe, Stream requestPipe) =>
        new(file, geometry, harness: true, answerPipe, requestPipe);

    /// <summary>The testee's side: reads requests, writes answers; sleeps on the request pipe, wakes the harness through the answer pipe.</summary>
    public static MailboxStream ForTestee(MemoryRegion file, MailboxGeometry geometry, Stream requestPipe, Stream answerPipe) =>
        new(file, geometry, harness: false, requestPipe, answerPipe);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Some bytes (at least one) as soon as any are there; 0 once the other side is gone and nothing is left.</summary>
    /// <exception cref="MalformedFrameException">The other side broke the mailbox: a position out of range, or a pipe byte that is not a wake-up.</exception>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        long available;
        while ((available = Readable()) == 0)
            if (!Wait(forData: true)) return 0;
        var count = (int)Math.Min(available, buffer.Length);
        var read = *_inRead;
        Copy(new ReadOnlySpan<byte>(_inRing, (int)_inSize), (int)(read & (_inSize - 1)), buffer[..count]);
        Volatile.Write(ref *_inRead, read + count);
        WakePeer();
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Writes every byte, in pieces when the ring has less room.</summary>
    /// <exception cref="IOException">The other side is gone.</exception>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            long room;
            while ((room = Writable()) == 0)
                if (!Wait(forData: false)) throw new IOException($"the {_peer} closed its side of the mailbox");
            var count = (int)Math.Min(room, buffer.Length);
            var written = *_outWritten;
            Put(buffer[..count], new Span<byte>(_outRing, (int)_outSize), (int)(written & (_outSize - 1)));
            Volatile.Write(ref *_outWritten, written + count);
            WakePeer();
            buffer = buffer[count..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    // Bytes the other side has written and this side not yet read; the other side's position is checked, never trusted:
    // it only grows, and never past what this side's ring holds.
    private long Readable()
    {
        var written = Volatile.Read(ref *_inWritten);
        var read = *_inRead;
        if (written < _inWrittenSeen || written - read < 0 || written - read > _inSize)
            throw new MalformedFrameException($"the {_peer}'s write position in the mailbox went to {written} (it was {_inWrittenSeen}; this side has read {read} of a ring of {_inSize})");
        _inWrittenSeen = written;
        return written - read;
    }

    private long Writable()
    {
        var written = *_outWritten;
        var read = Volatile.Read(ref *_outRead);
        if (read < _outReadSeen || written - read < 0 || written - read > _outSize)
            throw new MalformedFrameException($"the {_peer}'s read position in the mailbox went to {read} (it was {_outReadSeen}; this side has written {written} into a ring of {_outSize})");
        _outReadSeen = read;
        return _outSize - (written - read);
    }

    // A ring's bytes from offset `at` on, wrapping from its end to its start: out of it, and into it.
    private static void Copy(ReadOnlySpan<byte> ring, int at, Span<byte> to)
    {
        var first = Math.Min(to.Length, ring.Length - at);
        ring.Slice(at, first).CopyTo(to);
        ring[..(to.Length - first)].CopyTo(to[first..]);
    }

    private static void Put(ReadOnlySpan<byte> from, Span<byte> ring, int at)
    {
        var first = Math.Min(from.Length, ring.Length - at);
        from[..first].CopyTo(ring[at..]);
        from[first..].CopyTo(ring);
    }

    // The moved position must be visible before the waiting word is read (the other side stores that word, then reads
    // the position): with a full fence between on both sides, at least one of the two sees the other's store.
    private void WakePeer()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref *_peerWaiting) == 0 || Interlocked.Exchange(ref *_peerWaiting, 0) == 0) return;
        try
        {
            _wakeOut.WriteByte(MailboxGeometry.WakeByte);
            _wakeOut.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The other side is gone; this side's next wait finds the end of its pipe.
        }
    }

    // Waits until there is something to read (or room to write). False when the other side closed its pipe first.
    private bool Wait(bool forData)
    {
        bool Ready() => forData ? Readable() > 0 : Writable() > 0;
        var since = Stopwatch.GetTimestamp();
        var work = forData ? WhileWaiting : null;
        for (var i = 0; ; i++)
        {
            if (Ready()) return true;
            // Once the other side has taken every byte this side wrote, it is running and works on them.
            var taken = work is not null && Writable() == _outSize;
            var worked = work is not null && work(taken);
            // Idle, yielding, never spinning: the other side is often woken onto this very core, and then it runs only
            // when this side gives the core away (measured: spinning first made whole runs 1.3x to 1.5x slower).
            // Working, it gives the core away now and then until the other side has taken the request, then not at all.
            if (!worked || (!taken && (i & 63) == 63)) Thread.Yield();
            if ((i & 15) == 15 && Stopwatch.GetTimestamp() - since > (worked ? WorkingPollTicks : PollTicks)) break;
        }
        while (true)
        {
            Volatile.Write(ref *_ownWaiting, 1);
            Interlocked.MemoryBarrier();
            if (Ready())
            {
                Volatile.Write(ref *_ownWaiting, 0);
                return true;
            }
            var n = _wakeIn.Read(_tokens);
            Volatile.Write(ref *_ownWaiting, 0);
            if (n == 0) return Ready();
            for (var k = 0; k < n; k++)
            {
                if (_tokens[k] != MailboxGeometry.WakeByte)
                    throw new MalformedFrameException($"the {_peer}'s pipe carried bytes that are not wake-ups while the mailbox is in use: {Frame.Quote(_tokens.AsSpan(0, n))}");
            }
            if (Ready()) return true;
        }
    }
}
