using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The testee's side of the ring level for any <see cref="IRingImplementation"/>: reads requests, performs them, answers,
/// and turns the implementation's doorbell into a SIGNAL it waits on (spec/testee-protocol.md). Used by the .NET
/// testee host; a C testee implements the same from the spec alone.
/// </summary>
internal sealed class RingTesteeServer(IRingImplementation ring, TesteeLink link)
{
    private MappedTesteeFile? _mapped;
    private MemoryRegion _region;
    private IRingWriter? _writer;
    private IRingReader? _ringReader;
    private uint _current;
    private byte[] _destination = [];

    /// <summary>The highest protocol version it answers (a test host speaks an older one to show the harness still serves it).</summary>
    public ushort MaxVersion { get; init; } = ProtocolConstants.Version;

    /// <summary>A version to announce whatever the harness asks (a test host lies with one the harness does not speak).</summary>
    public ushort? LieVersion { get; init; }

    /// <summary>Called with each request before it is performed (a test host misbehaves here).</summary>
    public Action<MessageKind>? BeforePerforming { get; init; }

    /// <summary>Serves until SHUTDOWN or the end of the request stream; returns the process exit code (0, or 2 on a protocol violation by the harness).</summary>
    public int Serve() => ServeLoop.Run(link, frame =>
    {
        _current = frame.Id;
        var kind = (MessageKind)frame.Kind;
        BeforePerforming?.Invoke(kind);
        Send(Perform(kind, frame));
        return kind != MessageKind.Shutdown;
    }, Unmap);

    private FrameBuilder Perform(MessageKind kind, Frame frame)
    {
        var read = new BodyReader(frame);
        var reply = new FrameBuilder((MessageKind)((ushort)kind | 0x8000), frame.Id);
        try
        {
            switch (kind)
            {
                case MessageKind.Hello:
                {
                    read.U16("min_version");
                    var max = read.U16("max_version");
                    read.U32("levels"); read.Str("harness"); read.End();
                    var version = LieVersion ?? Math.Min(MaxVersion, max);
                    link.Version = version;
                    reply.Result(ResultCode.Ok).U16(version).Zero(2).U32(ProtocolConstants.LevelRing)
                        .U32((uint)ring.WriterCapabilities).U32((uint)ring.ReaderCapabilities).U32(uint.MaxValue & ~0xFFFu).U32(ProtocolConstants.MaxLength)
                        .Str(ring.Name).Str(ring.Version);
                    // From version 2 on the reply carries the channel fields, none for a ring (§4.3).
                    return version >= 2 ? reply.U32(0).U8(0).Zero(3) : reply;
                }
                case MessageKind.Map:
                    return Map(read, reply);
                case MessageKind.Attach:
                {
                    var role = read.U8("role");
                    var initialize = read.U8("initialize") != 0;
                    read.Skip(2, "reserved");
                    read.End();
                    if (role == 0) _writer = ring.CreateWriter(_region, initialize, Doorbell);
                    else _ringReader = ring.CreateReader(_region, Doorbell);
                    return reply.Result(ResultCode.Ok);
                }
                case MessageKind.Write:
                {
                    var type = read.U16("type");
                    var flags = read.U16("flags");
                    var headerLength = read.U32("header_length");
                    var tid = read.U64("transaction_id");
                    var payloadLength = read.U32("payload_length");
                    read.Skip(4, "reserved");
                    var header = read.Bytes((int)headerLength, "type header");
                    var payload = read.Bytes((int)payloadLength, "payload");
                    read.End();
                    var status = Writer().TryWrite((PacketType)type, flags, tid, header, payload);
                    return reply.Result(ResultCode.Ok).U8(status == RingWriteStatus.Written ? (byte)0 : (byte)1).Zero(3);
                }
                case MessageKind.Commit:
                    read.End();
                    if (_writer is not null) _writer.Commit(); else Reader().Commit();
                    return reply.Result(ResultCode.Ok);
                case MessageKind.Revert:
                    read.End();
                    if (_writer is not null) _writer.Revert(); else Reader().Revert();
                    return reply.Result(ResultCode.Ok);
                case MessageKind.Read:
                {
                    var destination = Destination((int)read.U32("destination_size"));
                    read.End();
                    var status = Reader().TryRead(destination, out var packet, out var error, out var required);
                    reply.Result(ResultCode.Ok).U8((byte)status).U8(error is null ? (byte)0 : (byte)1).Zero(2).U32((uint)required);
                    if (status == RingReadStatus.Packet)
                    {
                        Span<byte> descriptor = stackalloc byte[WireConstants.DescriptorSize];
                        packet.Descriptor.Write(descriptor);
                        var count = Math.Min(packet.Length, destination.Length);
                        reply.Bytes(descriptor).U32((uint)packet.RingOffset).U32((uint)packet.Length).U32((uint)count).Bytes(destination[..count]);
                    }
                    if (error is not null) reply.Error(error);
                    return reply;
                }
                case MessageKind.Mask:
                    read.End();
                    Reader().MaskInterrupts();
                    return reply.Result(ResultCode.Ok);
                case MessageKind.Unmask:
                    read.End();
                    return reply.Result(ResultCode.Ok).U8(Reader().UnmaskInterrupts() ? (byte)1 : (byte)0).Zero(3);
                case MessageKind.Detach:
                    read.End();
                    Unmap();
                    return reply.Result(ResultCode.Ok);
                case MessageKind.Shutdown:
                    read.End();
                    return reply.Result(ResultCode.Ok);
                default:
                    throw new ProtocolBrokenException($"{ProtocolConstants.Name(frame.Kind)} is not a request");
            }
        }
        catch (RingFormatException e)
        {
            return new FrameBuilder((MessageKind)((ushort)kind | 0x8000), frame.Id).Result(ResultCode.RingFormatError).Error(e.Error);
        }
        catch (Exception e) when (e is not (ProtocolBrokenException or MalformedFrameException or EndOfStreamException))
        {
            return new FrameBuilder((MessageKind)((ushort)kind | 0x8000), frame.Id).Result(ResultCode.Failed).Error(new RingError($"{e.GetType().Name}: {e.Message}"));
        }
    }

    private FrameBuilder Map(BodyReader read, FrameBuilder reply)
    {
        var pageSize = read.U32("page_size");
        var controlOffset = read.U32("control_offset");
        var dataOffset = read.U32("data_offset");
        var dataSize = read.U32("data_size");
        var fileSize = read.U64("file_size");
        var path = read.Str("path");
        read.End();
        Unmap();
        // This host hands its ring one region, control page then data area, so it takes only that layout.
        if (pageSize != WireConstants.PageSize || dataOffset != controlOffset + WireConstants.ControlPageSize || dataOffset + (ulong)dataSize > fileSize)
            return reply.Result(ResultCode.Failed).Error(new RingError($"layout not supported: page {pageSize}, control at {controlOffset}, data at {dataOffset}+{dataSize}, file {fileSize}"));
        // An empty path: the ring lies in the mailbox's scenario area, mapped already (§20.4).
        if (path.Length == 0) _region = link.ScenarioRegion(controlOffset, (ulong)WireConstants.ControlPageSize + dataSize);
        else
        {
            _mapped = new MappedTesteeFile(path, fileSize);
            _region = _mapped.Region(controlOffset, WireConstants.ControlPageSize + dataSize);
        }
        return reply.Result(ResultCode.Ok);
    }

    private void Unmap()
    {
        _writer = null;
        _ringReader = null;
        _region = default;
        _mapped?.Dispose();
        _mapped = null;
    }

    // One buffer for every READ, zeroed before each, as a fresh one would be: the harness judges the bytes copied out,
    // so none may be left from an earlier read.
    private Span<byte> Destination(int size)
    {
        if (size < 0) throw new ProtocolBrokenException($"READ destination_size {(uint)size} is larger than this host takes");
        if (_destination.Length < size) _destination = new byte[size];
        var span = _destination.AsSpan(0, size);
        span.Clear();
        return span;
    }

    private IRingWriter Writer() => _writer ?? throw new ProtocolBrokenException("a writer operation before ATTACH of a writer");

    private IRingReader Reader() => _ringReader ?? throw new ProtocolBrokenException("a reader operation before ATTACH of a reader");

    // The doorbell: tell the harness, then wait for its acknowledgement before touching the ring again (§5).
    private void Doorbell()
    {
        Send(new FrameBuilder(MessageKind.Signal, _current));
        var ack = link.Reader.Next() ?? throw new ProtocolBrokenException("the request stream ended while waiting for SIGNAL_ACK");
        if (ack.Kind != (ushort)MessageKind.SignalAck || ack.Id != _current || ack.Body.Length != 0)
            throw new ProtocolBrokenException($"expected SIGNAL_ACK id {_current}, got {ack}");
    }

    private void Send(FrameBuilder frame) => link.Send(frame.ToArray());

}
