using System.IO.Pipes;
using System.Runtime.InteropServices;
using Vmb.Conformance.Testee;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// The mailbox (spec/testee-protocol.md §20) between two streams in this process, each side with the pipes a harness
/// and a testee would have: bytes pass in order both ways, across a ring's end and longer than a ring; a side that
/// sleeps is woken; the other side gone is the end of the stream; and what the other side stores is checked, never trusted.
/// </summary>
public sealed class MailboxStreamTests : IDisposable
{
    private static readonly MailboxGeometry Small = new(4096, 1 << 16, 4096 + (1 << 16), 1 << 16, 0, 0, 4096 + (2ul << 16));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly byte[] _file = GC.AllocateArray<byte>((int)Small.FileSize, pinned: true);
    private readonly AnonymousPipeServerStream _toTestee = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _toHarness = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _testeeWakes;
    private readonly AnonymousPipeClientStream _harnessWakes;
    private readonly MailboxStream _harness;
    private readonly MailboxStream _testee;

    public MailboxStreamTests()
    {
        _testeeWakes = new AnonymousPipeClientStream(PipeDirection.In, _toTestee.ClientSafePipeHandle);
        _harnessWakes = new AnonymousPipeClientStream(PipeDirection.In, _toHarness.ClientSafePipeHandle);
        var region = new MemoryRegion(Marshal.UnsafeAddrOfPinnedArrayElement(_file, 0), _file.Length);
        _harness = MailboxStream.ForHarness(region, Small, _harnessWakes, _toTestee);
        _testee = MailboxStream.ForTestee(region, Small, _testeeWakes, _toHarness);
    }

    public void Dispose()
    {
        foreach (var pipe in new Stream[] { _toTestee, _toHarness, _testeeWakes, _harnessWakes }) pipe.Dispose();
    }

    [Fact]
    public async Task Bytes_pass_both_ways_in_order_across_the_rings_end_and_in_pieces_longer_than_a_ring()
    {
        // A side uses its mailbox from one thread at a time (§20.3): the harness sends a request longer than the ring
        // while the testee reads it, then the testee answers while the harness reads, each waiting for room or bytes.
        var requests = Pattern(5 * (1 << 16) + 123, seed: 1);
        var answers = Pattern(3 * (1 << 16) + 77, seed: 2);
        var testeeReads = Task.Run(() => ReadExactly(_testee, requests.Length));
        await Task.Run(() => WriteInOddPieces(_harness, requests)).WaitAsync(Patience);
        Assert.Equal(requests, await testeeReads.WaitAsync(Patience));
        var harnessReads = Task.Run(() => ReadExactly(_harness, answers.Length));
        await Task.Run(() => WriteInOddPieces(_testee, answers)).WaitAsync(Patience);
        Assert.Equal(answers, await harnessReads.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_side_asleep_on_its_pipe_is_woken_by_the_other_sides_write()
    {
        var read = Task.Run(() => ReadExactly(_testee, 3));
        await Task.Delay(100); // far past the polling: the testee side sleeps on its pipe by now
        Assert.Equal(1, Volatile.Read(ref _file[MailboxGeometry.TesteeWaiting]));
        _harness.Write([1, 2, 3]);
        Assert.Equal([1, 2, 3], await read.WaitAsync(Patience));
        Assert.Equal(0, _file[MailboxGeometry.TesteeWaiting]);
    }

    [Fact]
    public async Task Work_given_for_the_wait_runs_on_the_reading_thread_until_the_bytes_come_and_not_once_they_are_there()
    {
        var calls = 0;
        var reader = -1;
        _harness.WhileWaiting = taken => { calls++; reader = Environment.CurrentManagedThreadId; Assert.True(taken); return true; };
        var read = Task.Run(() => (Bytes: ReadExactly(_harness, 2), Thread: Environment.CurrentManagedThreadId));
        await Task.Run(async () => { while (Volatile.Read(ref calls) == 0) await Task.Delay(1); }).WaitAsync(Patience); // waiting, and working
        _testee.Write([4, 5]);
        var (bytes, thread) = await read.WaitAsync(Patience);
        Assert.Equal([4, 5], bytes);
        Assert.Equal(thread, reader);
        var before = calls;
        _testee.Write([6]);
        Assert.Equal([6], ReadExactly(_harness, 1)); // there already: read without waiting, so without working
        Assert.Equal(before, calls);
    }

    [Fact]
    public void The_other_side_gone_ends_the_stream_after_the_bytes_it_left()
    {
        _testee.Write([9, 8]);
        _toHarness.Dispose(); // the testee's end of the answer pipe: it exited
        var buffer = new byte[8];
        Assert.Equal(2, _harness.Read(buffer));
        Assert.Equal(0, _harness.Read(buffer));
    }

    [Fact]
    public void A_position_the_other_side_stored_out_of_range_is_a_protocol_violation()
    {
        BitConverter.TryWriteBytes(_file.AsSpan(MailboxGeometry.AnswersWritten), (long)(1 << 16) + 8);
        var e = Assert.Throws<MalformedFrameException>(() => _harness.Read(new byte[8]));
        Assert.Contains("testee's write position", e.Message);
    }

    [Fact]
    public void A_position_the_other_side_moves_backwards_is_a_protocol_violation()
    {
        _testee.Write([1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(8, _harness.Read(new byte[8]));
        BitConverter.TryWriteBytes(_file.AsSpan(MailboxGeometry.AnswersWritten), 4L);
        var e = Assert.Throws<MalformedFrameException>(() => _harness.Read(new byte[8]));
        Assert.Contains("went to 4 (it was 8", e.Message);
    }

    [Fact]
    public void A_byte_on_the_pipe_that_is_not_a_wake_up_is_a_protocol_violation_quoting_it()
    {
        _toHarness.Write("hi"u8);
        _toHarness.Flush();
        var e = Assert.Throws<MalformedFrameException>(() => _harness.Read(new byte[8]));
        Assert.Contains("not wake-ups", e.Message);
        Assert.Contains("68 69", e.Message);
    }

    [Theory]
    [InlineData(4096u, 65536u, 4096u, 65536u, 0u, 0u, 4096ul + 65536, "overlap")]
    [InlineData(4096u, 65535u, 69632u, 65536u, 0u, 0u, 4096ul + 131072, "powers of two")]
    [InlineData(0u, 65536u, 65536u, 65536u, 0u, 0u, 131072ul, "after the control page")]
    [InlineData(4096u, 65536u, 69632u, 65536u, 0u, 0u, 131072ul, "do not fit")]
    [InlineData(4096u, 65536u, 69632u, 65536u, 131072u, 8192u, 135168ul, "scenario area does not fit")]
    [InlineData(4096u, 65536u, 69632u, 65536u, 65536u, 8192u, 143360ul, "scenario area overlaps a ring")]
    [InlineData(4096u, 65536u, 69632u, 65536u, 135168u, 100u, 143360ul, "whole pages")]
    [InlineData(4096u, 1u << 31, 4096u + (1u << 31), 65536u, 0u, 0u, 1ul << 33, "powers of two from")]
    [InlineData(4096u, 65536u, 69632u, 65536u, 135168u, 4096u, 1ul << 31, "larger than")]
    public void A_geometry_that_is_no_mailbox_is_named(uint requestsOffset, uint requestsSize, uint answersOffset, uint answersSize, uint scenarioOffset,
        uint scenarioSize, ulong fileSize, string problem)
    {
        Assert.Contains(problem, new MailboxGeometry(requestsOffset, requestsSize, answersOffset, answersSize, scenarioOffset, scenarioSize, fileSize).Problem());
        Assert.Null(MailboxGeometry.Default.Problem());
        Assert.Null(Small.Problem());
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void WriteInOddPieces(Stream to, byte[] bytes)
    {
        for (var at = 0; at < bytes.Length;)
        {
            var count = Math.Min(bytes.Length - at, 7919 + at % 40_000);
            to.Write(bytes.AsSpan(at, count));
            at += count;
        }
    }

    private static byte[] ReadExactly(Stream from, int length)
    {
        var bytes = new byte[length];
        from.ReadExactly(bytes);
        return bytes;
    }
}
