using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The testee's side of the channel level (spec/testee-protocol.md Part II) for any <see cref="IChannelImplementation"/>:
/// serves the harness's down-calls, turns everything the implementation does outwards — callbacks, queued work, the
/// doorbell, the observer, guest memory — into up-calls, and serves the harness's nested down-calls while it waits for
/// their replies. Used by the .NET testee host; a C testee implements the same from the spec alone.
/// </summary>
internal sealed partial class ChannelTesteeServer(IChannelImplementation implementation, TesteeLink link)
{
    private readonly IChannelImplementation _implementation = implementation;
    private readonly Stack<Irql> _levels = new();
    private MappedTesteeFile? _mapped;
    private bool _inMailbox;
    private Mapping _mapping;
    private Scenario? _scenario;
    private uint _nextUpCall;
    private ushort _version = ProtocolConstants.Version;

    /// <summary>The highest protocol version it answers (a test host speaks an older one to show the harness still serves it).</summary>
    public ushort MaxVersion { get; init; } = ProtocolConstants.Version;

    /// <summary>Called with each down-call before it is performed (a test host misbehaves here).</summary>
    public Action<MessageKind>? BeforePerforming { get; init; }

    /// <summary>Serves until SHUTDOWN or the end of the request stream; returns the process exit code (0, or 2 on a protocol violation by the harness).</summary>
    public int Serve() => ServeLoop.Run(link, frame =>
    {
        Send(Perform(frame));
        return frame.Kind != (ushort)MessageKind.Shutdown;
    }, Release);

    /// <summary>The level of the down-call being performed (§13.1); PASSIVE outside any.</summary>
    private Irql CurrentIrql => _levels.Count == 0 ? Irql.Passive : _levels.Peek();

    private FrameBuilder Perform(Frame frame)
    {
        var kind = (MessageKind)frame.Kind;
        if (!ProtocolConstants.IsRequest(frame.Kind)) throw new ProtocolBrokenException($"{frame} is not a call of the harness");
        BeforePerforming?.Invoke(kind);
        _scenario?.ContextsBack();
        var read = new BodyReader(frame);
        var reply = new FrameBuilder((MessageKind)((ushort)kind | 0x8000), frame.Id);
        var headed = kind is not (MessageKind.Hello or MessageKind.Shutdown or MessageKind.MapChannel or MessageKind.Release);
        if (headed)
        {
            var irql = read.U8("irql");
            read.Skip(3, "reserved");
            _levels.Push((Irql)irql);
        }
        try
        {
            var fields = Dispatch(kind, read);
            _scenario?.ReportFinishedTasks();
            return fields(reply.Result(ResultCode.Ok));
        }
        catch (ContractViolationException e)
        {
            return reply.Result(ResultCode.Violation).Error(new RingError(e.Detail.Length == 0 ? e.RequirementId : e.Detail) { RuleId = e.RequirementId });
        }
        catch (Exception e) when (e is not (ProtocolBrokenException or MalformedFrameException or EndOfStreamException))
        {
            return reply.Result(ResultCode.Failed).Error(new RingError($"{e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            if (headed) _levels.Pop();
        }
    }

    private Func<FrameBuilder, FrameBuilder> Dispatch(MessageKind kind, BodyReader read)
    {
        switch (kind)
        {
            case MessageKind.Hello:
                read.U16("min_version");
                var max = read.U16("max_version");
                read.U32("levels"); read.Str("harness"); read.End();
                // A harness that speaks only version 2 gets the guest-memory up-calls page by page.
                _version = Math.Min(MaxVersion, max);
                link.Version = _version;
                var info = _implementation.Info;
                return r => r.U16(_version).Zero(2).U32(ProtocolConstants.LevelChannel).U32(0).U32(0).U32(0).U32(ProtocolConstants.MaxLength)
                    .Str(info.Name).Str(info.Version).U32((uint)info.Capabilities).U8(info.Profile == FramingProfile.Pipe ? (byte)1 : (byte)0).Zero(3);
            case MessageKind.Shutdown:
                read.End();
                return r => r;
            case MessageKind.MapChannel:
                Map(read);
                return r => r;
            case MessageKind.Release:
                read.End();
                Release();
                return r => r;
            case MessageKind.Allocate:
            {
                var handle = read.U64("channel");
                read.End();
                if (_mapped is null && !_inMailbox) throw new ProtocolBrokenException("ALLOCATE before MAP_CHANNEL");
                var scenario = new Scenario(this, handle);
                _scenario = scenario;
                scenario.Allocate();
                return r => r;
            }
            default:
                return Current().Perform(kind, read);
        }
    }

    private Scenario Current() => _scenario ?? throw new ProtocolBrokenException("a channel call before ALLOCATE");

    private void Map(BodyReader read)
    {
        var mapping = new Mapping(read.U32("incoming_offset"), read.U32("incoming_size"), read.U32("outgoing_offset"), read.U32("outgoing_size"),
            read.U32("context_offset"), read.U32("context_size"));
        var fileSize = read.U64("file_size");
        var path = read.Str("path");
        read.End();
        Release();
        if (!mapping.Fits(fileSize)) throw new InvalidOperationException($"the regions of MAP_CHANNEL do not fit a file of {fileSize} bytes");
        // An empty path: the regions lie in the mailbox's scenario area, mapped already (§20.4).
        if (path.Length == 0)
        {
            foreach (var (offset, size) in mapping.Regions) link.ScenarioRegion(offset, size);
            _inMailbox = true;
        }
        else _mapped = new MappedTesteeFile(path, fileSize);
        _mapping = mapping;
    }

    private MemoryRegion Region(uint offset, uint size) =>
        _inMailbox ? link.ScenarioRegion(offset, size) : (_mapped ?? throw new ProtocolBrokenException("a channel call before MAP_CHANNEL")).Region(offset, size);

    private void Release()
    {
        _scenario = null;
        _mapped?.Dispose();
        _mapped = null;
        _inMailbox = false;
    }

    /// <summary>Makes an up-call and serves the harness's nested down-calls until its reply comes (§11).</summary>
    private BodyReader UpCall(FrameBuilder call)
    {
        if (_levels.Count == 0) throw new InvalidOperationException("the implementation acted outside a call of the harness's (an up-call is allowed only then)");
        _scenario?.ReportFinishedTasks();
        var id = ++_nextUpCall;
        var bytes = call.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), id);
        link.Send(bytes);
        var expected = (ushort)(call.Kind | 0x8000);
        while (true)
        {
            var frame = link.Reader.Next() ?? throw new ProtocolBrokenException($"the request stream ended while waiting for {ProtocolConstants.Name(expected)}");
            if (frame.Kind == expected && frame.Id == id)
            {
                _scenario?.ContextsBack();
                var read = new BodyReader(frame);
                var result = read.Result();
                if (result == ResultCode.Ok) return read;
                if (result == ResultCode.Failed) throw new InvalidOperationException(read.Error().Message);
                throw new ProtocolBrokenException($"{frame} has result {(byte)result}");
            }
            Send(Perform(frame));
        }
    }

    /// <summary>
    /// Makes a notification up-call (§14): from version 3 on it is sent and the implementation goes on at once; with
    /// version 2 it is an up-call like any other.
    /// </summary>
    private void Notify(FrameBuilder call)
    {
        if (_version < ProtocolConstants.Notifications)
        {
            UpCall(call).End();
            return;
        }
        if (_levels.Count == 0) throw new InvalidOperationException("the implementation acted outside a call of the harness's (an up-call is allowed only then)");
        _scenario?.ReportFinishedTasks();
        var bytes = call.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), ++_nextUpCall);
        link.Send(bytes);
    }

    private void Send(FrameBuilder frame) => link.Send(frame.ToArray());

    private readonly record struct Mapping(uint IncomingOffset, uint IncomingSize, uint OutgoingOffset, uint OutgoingSize, uint ContextOffset, uint ContextSize)
    {
        public (ulong Offset, ulong Size)[] Regions => [(IncomingOffset, IncomingSize), (OutgoingOffset, OutgoingSize), (ContextOffset, ContextSize)];

        public bool Fits(ulong fileSize) =>
            (ulong)IncomingOffset + IncomingSize <= fileSize && (ulong)OutgoingOffset + OutgoingSize <= fileSize && (ulong)ContextOffset + ContextSize <= fileSize;
    }

}
