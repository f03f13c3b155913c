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
    private readonly IReadOnlyList<string> _argv;
    private readonly TesteeOptions _options;
    private readonly Hello _declared;
    private TesteeProcess? _child;
    private Session? _session;
    private uint _nextId;
    private bool _disposed;

    private TesteeRing(string command, IReadOnlyList<string> argv, TesteeOptions options)
    {
        Command = command;
        _argv = argv;
        _options = options;
        (_child, _declared) = Spawn(options.StartLimit);
        ChildrenStarted = 1;
    }

    /// <summary>
    /// Starts <paramref name="command"/> (split into words as a shell would, never run by one) and completes the
    /// handshake.
    /// </summary>
    /// <exception cref="TesteeStartException">The command is empty or not found, or the testee did not complete the handshake.</exception>
    public static TesteeRing Start(string command, TesteeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        IReadOnlyList<string> argv;
        try { argv = CommandLine.Split(command); }
        catch (FormatException e) { throw new TesteeStartException(e.Message); }
        var program = CommandLine.Resolve(argv[0]) ?? throw new TesteeStartException($"testee command not found: {argv[0]}");
        return new TesteeRing(command, [program, .. argv.Skip(1)], options ?? new TesteeOptions());
    }

    /// <summary>The command as given.</summary>
    public string Command { get; }

    /// <summary>Children started so far (the first one, plus one after every lost child that was needed again).</summary>
    public int ChildrenStarted { get; private set; }

    /// <summary>The running child's process id, or null between a lost child and the next scenario.</summary>
    public int? ProcessId => _child?.Id;

    /// <inheritdoc />
    public string Name => _declared.Name;

    /// <inheritdoc />
    public string Version => _declared.Version;

    /// <inheritdoc />
    public RingCapabilities WriterCapabilities => _declared.Writer;

    /// <inheritdoc />
    public RingCapabilities ReaderCapabilities => _declared.Reader;

    /// <summary>The largest data area the testee said it can map.</summary>
    public long MaxDataSize => _declared.MaxDataSize;

    /// <inheritdoc />
    public IRingSession Open(int regionSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_session is not null) throw new InvalidOperationException("the previous scenario's session is still open");
        var child = EnsureChild();
        var dataSize = regionSize - WireConstants.ControlPageSize;
        var file = new SharedRingFile(_options.Directory, regionSize);
        try
        {
            var body = new FrameBuilder(MessageKind.Map, 0).U32(WireConstants.PageSize).U32(0).U32(WireConstants.ControlPageSize).U32((uint)dataSize)
                .U64((ulong)regionSize).Str(file.Path);
            var mark = child.DiagnosticsMark;
            var reply = Exchange(MessageKind.Map, body, null);
            var read = new BodyReader(reply);
            var result = Parse(reply, () => read.Result());
            if (result != ResultCode.Ok)
            {
                var why = result is ResultCode.Failed or ResultCode.RingFormatError ? Parse(reply, () => read.Error()).Message : "unsupported";
                throw Lose(RunOutcome.HarnessError, $"the testee could not map the ring file ({why})");
            }
            file.Unlink();
            _session = new Session(this, file, mark);
            return _session;
        }
        catch
        {
            file.Dispose();
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
        if (_disposed) return;
        _disposed = true;
        _session?.Dispose();
        if (_child is { } child)
        {
            if (child.TrySend(new FrameBuilder(MessageKind.Shutdown, ++_nextId).ToArray())) child.WaitForExit(TimeSpan.FromSeconds(2));
            Drop();
        }
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
        var child = _child ?? throw Lose(RunOutcome.Crash, "the testee is gone");
        var id = ++_nextId;
        var bytes = request.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), id);
        var name = ProtocolConstants.Name((ushort)kind);
        if (!child.TrySend(bytes)) throw Lose(RunOutcome.Crash, $"the testee {Ended(child)} before {name} could be sent");
        var expected = (ushort)((ushort)kind | 0x8000);
        while (true)
        {
            switch (child.Next(_options.StepLimit))
            {
                case null:
                    throw Lose(RunOutcome.Timeout, $"no answer to {name} within {Text(_options.StepLimit)}; the testee was killed");
                case Incoming.Closed:
                    throw Lose(RunOutcome.Crash, $"the testee {Ended(child)} while answering {name}");
                case Incoming.Garbage g:
                    throw Lose(RunOutcome.HarnessError, $"protocol violation while answering {name}: {g.Detail}");
                case Incoming.Message { Frame: { Kind: (ushort)MessageKind.Signal } signal } when signal.Id == id && doorbell is not null && signal.Body.Length == 0:
                    // The doorbell snapshots the control page now, while the testee waits for the acknowledgement (§5).
                    doorbell();
                    if (!child.TrySend(new FrameBuilder(MessageKind.SignalAck, id).ToArray()))
                        throw Lose(RunOutcome.Crash, $"the testee {Ended(child)} while waiting for SIGNAL_ACK during {name}");
                    continue;
                case Incoming.Message { Frame: var frame } when frame.Kind == expected && frame.Id == id:
                    return frame;
                case Incoming.Message { Frame: var frame }:
                    throw Lose(RunOutcome.HarnessError, $"protocol violation: expected {ProtocolConstants.Name(expected)} id {id}" +
                        (doorbell is null ? "" : " or SIGNAL") + $", got {frame}");
            }
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
            default:
                if (!allowUnsupported) throw Lose(RunOutcome.HarnessError, $"protocol violation: 'unsupported' answers only WRITE, got {reply}");
                throw new UnsupportedRingOperationException($"the testee cannot perform this operation ({reply})");
        }
    }

    private T Parse<T>(Frame reply, Func<T> parse)
    {
        try { return parse(); }
        catch (MalformedFrameException e) { throw Lose(RunOutcome.HarnessError, $"protocol violation: {e.Message}: {reply}"); }
    }

    private void Parse(Frame reply, Action parse) => Parse(reply, () => { parse(); return 0; });

    // Kills and reaps the child; the next scenario starts a fresh one.
    private ImplementationLostException Lose(RunOutcome outcome, string message)
    {
        Drop();
        return new ImplementationLostException(outcome, message);
    }

    private void Drop()
    {
        if (_child is not { } child) return;
        _child = null;
        child.Dispose();
        TesteeCleanup.Untrack(child);
    }

    private string Ended(TesteeProcess child)
    {
        child.WaitForExit(TimeSpan.FromSeconds(2));
        return child.HasExited ? child.ExitText() : "closed its answer stream";
    }

    private static string Text(TimeSpan limit) => limit.TotalSeconds >= 1 ? $"{limit.TotalSeconds:0.#} s" : $"{limit.TotalMilliseconds:0} ms";

    private TesteeProcess EnsureChild()
    {
        if (_child is { } alive) return alive;
        try
        {
            var (child, hello) = Spawn(_options.StartLimit);
            ChildrenStarted++;
            _child = child;
            if (hello != _declared)
                throw Lose(RunOutcome.HarnessError, $"a fresh testee declared {hello}, the first one {_declared}: the handshake must not change between children");
            return child;
        }
        catch (TesteeStartException e)
        {
            throw new ImplementationLostException(RunOutcome.Crash, $"a fresh testee could not be started: {e.Message}");
        }
    }

    private (TesteeProcess Child, Hello Hello) Spawn(TimeSpan limit)
    {
        var child = TesteeProcess.Start(_argv);
        TesteeCleanup.Track(child);
        try
        {
            var hello = Handshake(child, limit);
            return (child, hello);
        }
        catch
        {
            child.Dispose();
            TesteeCleanup.Untrack(child);
            throw;
        }
    }

    private Hello Handshake(TesteeProcess child, TimeSpan limit)
    {
        var id = ++_nextId;
        var request = new FrameBuilder(MessageKind.Hello, id).U16(ProtocolConstants.Version).U16(ProtocolConstants.Version)
            .U32(ProtocolConstants.LevelRing).Str($"vmb-conformance {SuiteRunner.SuiteVersion}").ToArray();
        string Stderr() => child.DiagnosticsSince(0, 600) is { Length: > 0 } text ? $"; its diagnostics: {text.Trim()}" : "";
        if (!child.TrySend(request)) throw new TesteeStartException($"the testee {Ended(child)} before the handshake{Stderr()}");
        var frame = child.Next(limit) switch
        {
            null => throw new TesteeStartException($"the testee did not answer HELLO within {Text(limit)}{Stderr()}"),
            Incoming.Closed => throw new TesteeStartException($"the testee {Ended(child)} before answering HELLO{Stderr()}"),
            Incoming.Garbage g => throw new TesteeStartException($"the testee does not speak testee protocol v1: {g.Detail}"),
            Incoming.Message m when m.Frame.Kind == ((ushort)MessageKind.Hello | 0x8000) && m.Frame.Id == id => m.Frame,
            Incoming.Message m => throw new TesteeStartException($"the testee answered HELLO with {m.Frame}"),
            _ => throw new InvalidOperationException(),
        };
        try
        {
            var read = new BodyReader(frame);
            var result = read.Result();
            if (result != ResultCode.Ok)
                throw new TesteeStartException($"the testee refused the handshake: {(result == ResultCode.Unsupported ? "unsupported" : read.Error().Message)}");
            var version = read.U16("version");
            read.Skip(2, "reserved");
            var levels = read.U32("levels");
            var writer = read.U32("writer_capabilities");
            var reader = read.U32("reader_capabilities");
            var maxData = read.U32("max_data_size");
            var maxFrame = read.U32("max_frame_length");
            var name = read.Str("name");
            var ver = read.Str("version");
            read.End();
            if (version != ProtocolConstants.Version) throw new TesteeStartException($"the testee speaks protocol version {version}; this harness speaks {ProtocolConstants.Version}");
            if ((levels & ProtocolConstants.LevelRing) == 0) throw new TesteeStartException($"the testee does not speak the ring level (levels 0x{levels:x})");
            const uint defined = (1u << 6) - 1;
            if ((writer & ~defined) != 0 || (reader & ~defined) != 0)
                throw new TesteeStartException($"the testee declares undefined capability bits (writer 0x{writer:x}, reader 0x{reader:x})");
            if (RingCapabilitySides.Problem((RingCapabilities)writer, (RingCapabilities)reader) is { } problem)
                throw new TesteeStartException($"the testee's declared capabilities do not hold together: {problem}");
            if (name.Length == 0) throw new TesteeStartException("the testee declares an empty name");
            if (maxFrame < 65536) throw new TesteeStartException($"the testee accepts frames of at most {maxFrame} bytes; v1 requires at least 65536");
            return new Hello(name, ver, (RingCapabilities)writer, (RingCapabilities)reader, maxData);
        }
        catch (MalformedFrameException e)
        {
            throw new TesteeStartException($"the testee's HELLO_REPLY is malformed: {e.Message}: {frame}");
        }
    }

    private sealed record Hello(string Name, string Version, RingCapabilities Writer, RingCapabilities Reader, long MaxDataSize)
    {
        public override string ToString() => $"{Name} {Version} (writer {Writer}, reader {Reader})";
    }

    private sealed class Session(TesteeRing owner, SharedRingFile file, long mark) : IRingSession
    {
        private readonly TesteeProcess? _child = owner._child;
        private string? _detachProblem;
        private bool _closed;

        public MemoryRegion Region => file.Region;

        public string? Diagnostics
        {
            get
            {
                var text = _child?.DiagnosticsSince(mark) ?? "";
                if (_detachProblem is { } problem) text += (text.Length > 0 && !text.EndsWith('\n') ? "\n" : "") + problem;
                return text.Length == 0 ? null : text;
            }
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            try
            {
                if (owner._child is not null && owner._child == _child) owner.Done(owner.Exchange(MessageKind.Detach, new FrameBuilder(MessageKind.Detach, 0), null), false);
            }
            catch (Exception e) when (e is ImplementationLostException or RingFormatException or TesteeOperationFailedException)
            {
                // Detaching is not a ring operation of the contract; a testee lost here is started afresh for the next scenario.
                _detachProblem = $"(harness: detaching failed: {e.Message})";
            }
            finally
            {
                // A child lost mid-scenario still has its diagnostics complete once reaped; wait for them.
                file.Dispose();
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
                _ => throw owner.Lose(RunOutcome.HarnessError, $"protocol violation: WRITE status {status} is not 0 or 1: {reply}"),
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
                throw owner.Lose(RunOutcome.HarnessError, $"protocol violation: {e.Message}: {reply}");
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
                _ => throw owner.Lose(RunOutcome.HarnessError, $"protocol violation: UNMASK waiting {waiting} is not 0 or 1: {reply}"),
            };
        }
    }
}
