using System.Text;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Rings;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Testee;

/// <summary>
/// A ring implementation in another process, spoken to with testee protocol v1 (spec/testee-protocol.md): the harness
/// side. The ring level drives it like any other <see cref="IRingImplementation"/>, so the same scenarios, checks,
/// attribution and reports apply (D28). Each scenario's ring lives in a file both processes map; a signal the testee
/// raises is a message the harness answers only after snapshotting the control page, so it is judged against the ring
/// as it was at that moment. A testee that does not answer within <see cref="TesteeOptions.StepLimit"/> is killed
/// (timeout), one that exits mid-scenario is reaped (crash), one that sends bytes that are not the next expected
/// message is killed (harness error, the bytes quoted); each time the next scenario gets a fresh child.
/// </summary>
public sealed class TesteeRing : IRemoteRing, IDisposable
{
    private readonly TesteeConnection _link;
    private Session? _session;

    private TesteeRing(TesteeConnection link) => _link = link;

    /// <summary>
    /// Starts <paramref name="command"/> (split into words as a shell would, never run by one) and completes the
    /// handshake.
    /// </summary>
    /// <exception cref="TesteeStartException">The command is empty or not found, or the testee did not complete the handshake.</exception>
    public static TesteeRing Start(string command, TesteeOptions? options = null) =>
        new(TesteeConnection.Start(command, options, ProtocolConstants.LevelRing));

    /// <summary>The command as given.</summary>
    public string Command => _link.Command;

    /// <summary>
    /// How frames travel, for a person: the protocol version the testee answered and whether its frames go through the
    /// shared-memory mailbox (version 4, spec/testee-protocol.md §20) or the pipes.
    /// </summary>
    public string Transport => $"protocol {_link.Declared.ProtocolVersion}, " +
        (_link.Child is { } child ? $"frames {(child.UsesMailbox ? "through the mailbox" : "on the pipes")}" : "no child running");

    /// <summary>The running child, or null between a lost child and the next scenario.</summary>
    internal TesteeProcess? Child => _link.Child;

    /// <summary>True while the running child's frames go through the mailbox.</summary>
    internal bool UsesMailbox => _link.Child?.UsesMailbox == true;

    /// <summary>Children started so far (the first one, plus one after every lost child that was needed again).</summary>
    public int ChildrenStarted => _link.ChildrenStarted;

    /// <summary>The running child's process id, or null between a lost child and the next scenario.</summary>
    public int? ProcessId => _link.Child?.Id;

    /// <inheritdoc />
    public string Name => _link.Declared.Name;

    /// <inheritdoc />
    public string Version => _link.Declared.Version;

    /// <inheritdoc />
    public RingCapabilities WriterCapabilities => _link.Declared.Writer;

    /// <inheritdoc />
    public RingCapabilities ReaderCapabilities => _link.Declared.Reader;

    /// <summary>The largest data area the testee said it can map.</summary>
    public long MaxDataSize => _link.Declared.MaxDataSize;

    /// <inheritdoc />
    public IRingSession Open(int regionSize)
    {
        ObjectDisposedException.ThrowIf(_link.Disposed, this);
        if (_session is not null) throw new InvalidOperationException("the previous scenario's session is still open");
        var child = _link.EnsureChild();
        var dataSize = regionSize - WireConstants.ControlPageSize;
        var memory = ScenarioMemory.For(child, _link.Options.Directory, regionSize);
        try
        {
            var body = new FrameBuilder(MessageKind.Map, 0).U32(WireConstants.PageSize).U32(memory.Offset).U32(memory.Offset + WireConstants.ControlPageSize)
                .U32((uint)dataSize).U64(memory.FileSize).Str(memory.Path);
            var mark = child.DiagnosticsMark;
            var reply = Exchange(MessageKind.Map, body, null);
            var read = new BodyReader(reply);
            var result = Parse(reply, () => read.Result());
            if (result != ResultCode.Ok)
            {
                var why = result is ResultCode.Failed or ResultCode.RingFormatError ? Parse(reply, () => read.Error()).Message : "unsupported";
                throw _link.Lose(RunOutcome.HarnessError, $"the testee could not map the ring file ({why})");
            }
            memory.Unlink();
            _session = new Session(this, memory, mark);
            return _session;
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IRingWriter CreateWriter(MemoryRegion ring, bool initialize, Action signalReader)
    {
        Attach(ring, 0, initialize, signalReader);
        return new Writer(this, signalReader);
    }

    /// <inheritdoc />
    public IRingReader CreateReader(MemoryRegion ring, Action signalWriter)
    {
        Attach(ring, 1, false, signalWriter);
        return new Reader(this, signalWriter);
    }

    /// <summary>Asks the testee to shut down, waits briefly, then kills and reaps it if needed; removes any shared file left.</summary>
    public void Dispose()
    {
        if (_link.Disposed) return;
        _session?.Dispose();
        _link.Dispose();
    }

    private void Attach(MemoryRegion ring, byte role, bool initialize, Action doorbell)
    {
        if (_session is null || _session.Region.Address != ring.Address || _session.Region.Length != ring.Length)
            throw new InvalidOperationException("a testee attaches only to the ring of the session just opened");
        var reply = Exchange(MessageKind.Attach, new FrameBuilder(MessageKind.Attach, 0).U8(role).U8(initialize ? (byte)1 : (byte)0).Zero(2), doorbell);
        Done(reply, allowUnsupported: false);
    }

    // Sends a request and waits for its reply, answering the testee's signals on the way. Every wait has the step limit.
    private Frame Exchange(MessageKind kind, FrameBuilder request, Action? doorbell)
    {
        var child = _link.Child ?? throw _link.Lose(RunOutcome.Crash, "the testee is gone");
        var id = _link.NextId();
        var bytes = request.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), id);
        var name = ProtocolConstants.Name((ushort)kind);
        _link.Send(child, bytes, name);
        var expected = (ushort)((ushort)kind | 0x8000);
        while (true)
        {
            var frame = _link.Receive(child, name);
            if (frame is { Kind: (ushort)MessageKind.Signal } signal && signal.Id == id && doorbell is not null && signal.Body.Length == 0)
            {
                // The doorbell snapshots the control page now, while the testee waits for the acknowledgement (§5).
                doorbell();
                _link.Send(child, new FrameBuilder(MessageKind.SignalAck, id).ToArray(), $"SIGNAL_ACK during {name}");
                continue;
            }
            if (frame.Kind == expected && frame.Id == id) return frame;
            throw _link.Lose(RunOutcome.HarnessError, $"protocol violation: expected {ProtocolConstants.Name(expected)} id {id}" +
                (doorbell is null ? "" : " or SIGNAL") + $", got {frame}");
        }
    }

    // The result of an operation reply with no other fields; the testee's errors become what an in-process call would throw.
    private void Done(Frame reply, bool allowUnsupported)
    {
        var read = new BodyReader(reply);
        Result(reply, read, allowUnsupported);
        Parse(reply, read.End);
    }

    private void Result(Frame reply, BodyReader read, bool allowUnsupported)
    {
        switch (Parse(reply, read.Result))
        {
            case ResultCode.Ok: return;
            case ResultCode.RingFormatError:
                throw new RingFormatException(Parse(reply, read.Error));
            case ResultCode.Failed:
                throw new TesteeOperationFailedException(Parse(reply, read.Error).ToString());
            case ResultCode.Violation:
                throw _link.Lose(RunOutcome.HarnessError, $"protocol violation: 'violation' is a channel-level result, got {reply}");
            default:
                if (!allowUnsupported) throw _link.Lose(RunOutcome.HarnessError, $"protocol violation: 'unsupported' answers only WRITE, got {reply}");
                throw new UnsupportedRingOperationException($"the testee cannot perform this operation ({reply})");
        }
    }

    private T Parse<T>(Frame reply, Func<T> parse)
    {
        try { return parse(); }
        catch (MalformedFrameException e) { throw _link.Lose(RunOutcome.HarnessError, $"protocol violation: {e.Message}: {reply}"); }
    }

    private void Parse(Frame reply, Action parse) => Parse(reply, () => { parse(); return 0; });

    private sealed class Session(TesteeRing owner, ScenarioMemory memory, long mark) : IWaitingRingSession
    {
        private readonly TesteeProcess? _child = owner._link.Child;
        private string? _detachProblem;
        private bool _closed;

        public MemoryRegion Region => memory.Region;

        public string? Diagnostics
        {
            get
            {
                var text = _child?.DiagnosticsSince(mark) ?? "";
                if (_detachProblem is { } problem) text += (text.Length > 0 && !text.EndsWith('\n') ? "\n" : "") + problem;
                return text.Length == 0 ? null : text;
            }
        }

        public bool WorkWhileWaiting(Func<bool, bool>? work) => !_closed && _child is not null && owner._link.Child == _child && _child.WorkWhileWaiting(work);

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            _child?.WorkWhileWaiting(null);
            try
            {
                if (owner._link.Child is not null && owner._link.Child == _child) owner.Done(owner.Exchange(MessageKind.Detach, new FrameBuilder(MessageKind.Detach, 0), null), false);
            }
            catch (Exception e) when (e is ImplementationLostException or RingFormatException or TesteeOperationFailedException)
            {
                // Detaching is not a ring operation of the contract; a testee lost here is started afresh for the next scenario.
                _detachProblem = $"(harness: detaching failed: {e.Message})";
            }
            finally
            {
                // A child lost mid-scenario still has its diagnostics complete once reaped; wait for them.
                memory.Dispose();
                owner._session = null;
            }
        }
    }

    private sealed class Writer(TesteeRing owner, Action doorbell) : IRingWriter
    {
        public int FreeBytes => throw new NotSupportedException("testee protocol v1 does not carry FreeBytes; the ring level never asks");

        public RingWriteStatus TryWrite(PacketType type, ushort flags, ulong transactionId, ReadOnlySpan<byte> typeHeader, ReadOnlySpan<byte> payload)
        {
            var request = new FrameBuilder(MessageKind.Write, 0).U16((ushort)type).U16(flags).U32((uint)typeHeader.Length).U64(transactionId)
                .U32((uint)payload.Length).Zero(4).Bytes(typeHeader).Bytes(payload);
            var reply = owner.Exchange(MessageKind.Write, request, doorbell);
            var read = new BodyReader(reply);
            owner.Result(reply, read, allowUnsupported: true);
            var r = read;
            var status = owner.Parse(reply, () => { var s = r.U8("status"); r.Skip(3, "reserved"); r.End(); return s; });
            return status switch
            {
                0 => RingWriteStatus.Written,
                1 => RingWriteStatus.Full,
                _ => throw owner._link.Lose(RunOutcome.HarnessError, $"protocol violation: WRITE status {status} is not 0 or 1: {reply}"),
            };
        }

        public void Commit() => owner.Done(owner.Exchange(MessageKind.Commit, new FrameBuilder(MessageKind.Commit, 0), doorbell), false);

        public void Revert() => owner.Done(owner.Exchange(MessageKind.Revert, new FrameBuilder(MessageKind.Revert, 0), doorbell), false);
    }

    private sealed class Reader(TesteeRing owner, Action doorbell) : IRingReader
    {
        public RingReadStatus TryRead(Span<byte> destination, out RingPacket packet, out RingError? error, out int requiredSize)
        {
            var reply = owner.Exchange(MessageKind.Read, new FrameBuilder(MessageKind.Read, 0).U32((uint)destination.Length), doorbell);
            var read = new BodyReader(reply);
            owner.Result(reply, read, allowUnsupported: false);
            try
            {
                var status = read.U8("status");
                var hasError = read.U8("has_error");
                read.Skip(2, "reserved");
                var required = read.U32("required_size");
                if (status > 3) throw new MalformedFrameException($"READ status {status} is not 0–3");
                if (hasError > 1) throw new MalformedFrameException($"READ has_error {hasError} is not 0 or 1");
                packet = default;
                if (status == 0)
                {
                    var descriptor = PacketDescriptor.Read(read.Bytes(WireConstants.DescriptorSize, "descriptor"));
                    var offset = read.U32("ring_offset");
                    var length = read.U32("length");
                    var count = read.U32("byte_count");
                    if (count > destination.Length) throw new MalformedFrameException($"READ byte_count {count} exceeds the destination of {destination.Length} bytes");
                    read.Bytes((int)count, "packet bytes").CopyTo(destination);
                    packet = new RingPacket(descriptor, (int)offset, (int)length);
                }
                error = hasError == 1 ? read.Error() : null;
                read.End();
                requiredSize = (int)required;
                return (RingReadStatus)status switch
                {
                    RingReadStatus.Packet => RingReadStatus.Packet,
                    RingReadStatus.Empty => RingReadStatus.Empty,
                    RingReadStatus.BufferTooSmall => RingReadStatus.BufferTooSmall,
                    _ => RingReadStatus.Malformed,
                };
            }
            catch (MalformedFrameException e)
            {
                throw owner._link.Lose(RunOutcome.HarnessError, $"protocol violation: {e.Message}: {reply}");
            }
        }

        public void Commit() => owner.Done(owner.Exchange(MessageKind.Commit, new FrameBuilder(MessageKind.Commit, 0), doorbell), false);

        public void Revert() => owner.Done(owner.Exchange(MessageKind.Revert, new FrameBuilder(MessageKind.Revert, 0), doorbell), false);

        public void MaskInterrupts() => owner.Done(owner.Exchange(MessageKind.Mask, new FrameBuilder(MessageKind.Mask, 0), doorbell), false);

        public bool UnmaskInterrupts()
        {
            var reply = owner.Exchange(MessageKind.Unmask, new FrameBuilder(MessageKind.Unmask, 0), doorbell);
            var read = new BodyReader(reply);
            owner.Result(reply, read, allowUnsupported: false);
            var r = read;
            var waiting = owner.Parse(reply, () => { var w = r.U8("waiting"); r.Skip(3, "reserved"); r.End(); return w; });
            return waiting switch
            {
                0 => false,
                1 => true,
                _ => throw owner._link.Lose(RunOutcome.HarnessError, $"protocol violation: UNMASK waiting {waiting} is not 0 or 1: {reply}"),
            };
        }
    }
}
