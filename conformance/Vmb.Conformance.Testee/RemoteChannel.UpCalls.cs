using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The testee's up-calls (spec/testee-protocol.md §14), served with what an in-process implementation would have been
/// handed in <see cref="ChannelSetup"/> and the registrations: the client's callbacks, the environment's queues, the
/// peer's doorbell, the observer and guest memory. What the testee passes back (registration, context, channel) is
/// mapped to the objects the client gave, or to objects the client never gave, so a wrong argument is judged, not excused.
/// </summary>
internal sealed partial class RemoteChannel
{
    private readonly Dictionary<uint, Registration> _registrations = new();
    private readonly Dictionary<object, ulong> _contextIds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ulong, object> _contexts = new();
    private StateChangeCallbacks? _stateCallbacks;
    private uint _nextRegistration;
    private ForeignChannel? _foreign;

    private FrameBuilder? Serve(Frame call)
    {
        var reply = new FrameBuilder((MessageKind)(call.Kind | 0x8000), call.Id);
        var read = new BodyReader(call);
        try
        {
            var fields = (MessageKind)call.Kind switch
            {
                MessageKind.ProcessPacket => ProcessPacket(read),
                MessageKind.ProcessingComplete => ProcessingComplete(read),
                MessageKind.State => State(read),
                MessageKind.QueueWork => QueueWork(read),
                MessageKind.SignalPeer => Ended(read, _setup.SignalPeer),
                MessageKind.TaskDone => TaskDone(read),
                MessageKind.Misuse => Misuse(read),
                MessageKind.IntakeStopped => IntakeStopped(read),
                MessageKind.NonDataConsumed => NonDataConsumed(read),
                MessageKind.GuestPage => GuestPage(read),
                MessageKind.WhenResident => Guest(read, WhenResident),
                MessageKind.GuestRead => Guest(read, GuestRead),
                MessageKind.GuestWrite => Guest(read, GuestWrite),
                MessageKind.GuestPages => Batched(call, () => GuestPages(read)),
                MessageKind.GuestReadSegments => Batched(call, () => Guest(read, GuestReadSegments)),
                _ => throw new MalformedFrameException("not an up-call"),
            };
            // The testee goes on without waiting for a notification; the stream keeps it in order with what follows.
            return _calls.Version >= ProtocolConstants.Notifications && ProtocolConstants.IsNotification(call.Kind) ? null : fields(reply);
        }
        catch (MalformedFrameException e)
        {
            throw _calls.Violation($"{e.Message}: {call}");
        }
    }

    private static Func<FrameBuilder, FrameBuilder> Ok(Func<FrameBuilder, FrameBuilder>? fields = null) =>
        reply => fields is null ? reply.Result(ResultCode.Ok) : fields(reply.Result(ResultCode.Ok));

    private static Func<FrameBuilder, FrameBuilder> Ended(BodyReader read, Action act)
    {
        read.End();
        act();
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> ProcessPacket(BodyReader read)
    {
        var registration = Registered(read);
        var channel = ChannelArgument(read.U64("channel"));
        var context = ContextArgument(read.U64("context"));
        var token = read.U64("token");
        var flags = read.U32("flags");
        var bufferLength = read.U32("buffer_length");
        var count = read.U32("byte_count");
        var bytes = read.Bytes((int)Math.Min(count, int.MaxValue), "buffer bytes").ToArray();
        read.End();
        var packet = new VmbPacket(this, token);
        if (registration.Legacy is { } legacy) legacy(channel, packet, bytes, bufferLength, flags);
        else if (registration.Ex is { } ex) ex(channel, context, packet, bytes, bufferLength, flags);
        else throw new MalformedFrameException("PROCESS_PACKET names a registration without a process-packet callback");
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> ProcessingComplete(BodyReader read)
    {
        var registration = Registered(read);
        var channel = ChannelArgument(read.U64("channel"));
        var context = ContextArgument(read.U64("context"));
        var count = read.U32("packets_processed");
        read.Skip(4, "reserved");
        read.End();
        if (registration.LegacyDone is { } legacy) legacy(channel, count);
        else if (registration.ExDone is { } ex) ex(channel, context, count);
        else throw new MalformedFrameException("PROCESSING_COMPLETE names a registration without a processing-complete callback");
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> State(BodyReader read)
    {
        var which = read.U8("callback");
        read.Skip(7, "reserved");
        var channel = ChannelArgument(read.U64("channel"));
        read.End();
        var callbacks = _stateCallbacks ?? throw new MalformedFrameException("STATE before SET_STATE_CALLBACKS");
        static Exception Absent(string name) => new MalformedFrameException($"STATE {name}, which was not registered");
        var status = 0;
        switch (which)
        {
            case 0: status = (callbacks.Opened ?? throw Absent("Opened"))(channel); break;
            case 1: (callbacks.Started ?? throw Absent("Started"))(channel); break;
            case 2: (callbacks.PostStarted ?? throw Absent("PostStarted"))(channel); break;
            case 3: (callbacks.Suspend ?? throw Absent("Suspend"))(channel); break;
            case 4: (callbacks.Closed ?? throw Absent("Closed"))(channel); break;
            default: throw new MalformedFrameException($"STATE callback {which} is not 0–4");
        }
        return Ok(reply => reply.U32((uint)status));
    }

    private Func<FrameBuilder, FrameBuilder> QueueWork(BodyReader read)
    {
        var level = read.U8("level");
        read.Skip(3, "reserved");
        var work = read.U32("work");
        read.End();
        void Run() => Done(Call(MessageKind.RunWork, Down(MessageKind.RunWork).U32(work)));
        switch ((Irql)level)
        {
            case Irql.Passive: _setup.Environment.QueuePassive(Run); break;
            case Irql.Dispatch: _setup.Environment.QueueDispatch(Run); break;
            default: throw new MalformedFrameException($"QUEUE_WORK level {level} is not 0 (PASSIVE) or 2 (DISPATCH)");
        }
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> TaskDone(BodyReader read)
    {
        var task = read.U32("task");
        var faulted = read.U8("faulted");
        read.Skip(3, "reserved");
        var rule = read.Str("rule");
        read.End();
        if (faulted > 1) throw new MalformedFrameException($"faulted {faulted} is not 0 or 1");
        if (!_tasks.Remove(task, out var done)) throw new MalformedFrameException($"TASK_DONE for task {task}, which is not open");
        if (faulted == 0) done.SetResult();
        else if (rule.Length > 0) done.SetException(new ContractViolationException(rule, "the testee completed the call with this violation"));
        else done.SetException(new TesteeOperationFailedException("the testee completed the call as faulted"));
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> Misuse(BodyReader read)
    {
        var rule = read.Str("rule");
        var detail = read.Str("detail");
        read.End();
        _setup.Observer.MisuseDetected(rule, detail);
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> IntakeStopped(BodyReader read)
    {
        var reason = read.U8("reason");
        read.Skip(3, "reserved");
        var rule = read.Str("rule");
        var detail = read.Str("detail");
        read.End();
        if (reason > 1) throw new MalformedFrameException($"INTAKE_STOPPED reason {reason} is not 0 or 1");
        _setup.Observer.IntakeStopped(reason == 0 ? IntakeStopReason.PacketFailed : IntakeStopReason.MalformedRing, rule.Length == 0 ? null : rule, detail);
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> NonDataConsumed(BodyReader read)
    {
        var type = read.U16("packet_type");
        read.Skip(6, "reserved");
        var tid = read.U64("transaction_id");
        read.End();
        _setup.Observer.NonDataPacketConsumed((PacketType)type, tid);
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> GuestPage(BodyReader read)
    {
        var page = read.U64("page");
        read.End();
        var exists = _setup.GuestMemory.Exists(page);
        var resident = _setup.GuestMemory.IsResident(page);
        return Ok(reply => reply.U8(exists ? (byte)1 : (byte)0).U8(resident ? (byte)1 : (byte)0).Zero(2));
    }

    // Guest memory throws where an in-process implementation would have seen an exception; the testee is told 'failed'.
    private static Func<FrameBuilder, FrameBuilder> Guest(BodyReader read, Func<BodyReader, Func<FrameBuilder, FrameBuilder>> access)
    {
        try
        {
            return access(read);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return reply => reply.Result(ResultCode.Failed).Error(new RingError(e.Message));
        }
    }

    private Func<FrameBuilder, FrameBuilder> WhenResident(BodyReader read)
    {
        var page = read.U64("page");
        var cookie = read.U32("cookie");
        read.End();
        _setup.GuestMemory.WhenResident(page, () => Done(Call(MessageKind.Resident, Down(MessageKind.Resident).U32(cookie))));
        return Ok();
    }

    private Func<FrameBuilder, FrameBuilder> GuestRead(BodyReader read)
    {
        var (page, offset, count) = (read.U64("page"), read.U32("offset"), read.U32("count"));
        read.End();
        if (count > WireConstants.PageSize) throw new ArgumentOutOfRangeException(nameof(read), $"GUEST_READ of {count} bytes is more than a page");
        var bytes = new byte[count];
        _setup.GuestMemory.Read(page, (int)Math.Min(offset, int.MaxValue), bytes);
        return Ok(reply => reply.Bytes(bytes));
    }

    // The batched guest-memory up-calls exist from version 3 on; a testee that answered 2 may not make them, and its
    // question is not answered.
    private Func<FrameBuilder, FrameBuilder> Batched(Frame call, Func<Func<FrameBuilder, FrameBuilder>> serve) =>
        _calls.Version >= ProtocolConstants.BatchedGuestMemory
            ? serve()
            : throw new MalformedFrameException($"{ProtocolConstants.Name(call.Kind)} needs protocol version {ProtocolConstants.BatchedGuestMemory}; the testee answered {_calls.Version}");

    private Func<FrameBuilder, FrameBuilder> GuestPages(BodyReader read)
    {
        var count = read.U32("count");
        read.Skip(4, "reserved");
        if (count > read.Remaining / 8) throw new MalformedFrameException($"GUEST_PAGES names {count} pages in a body of {read.Remaining} more bytes");
        var pages = new ulong[count];
        for (var i = 0; i < pages.Length; i++) pages[i] = read.U64("page");
        read.End();
        var states = new GuestPageState[pages.Length];
        _setup.GuestMemory.QueryPages(pages, states);
        return Ok(reply =>
        {
            foreach (var state in states) reply.U8((byte)state);
            return reply;
        });
    }

    private Func<FrameBuilder, FrameBuilder> GuestReadSegments(BodyReader read)
    {
        var count = read.U32("count");
        read.Skip(4, "reserved");
        if (count > read.Remaining / 16) throw new MalformedFrameException($"GUEST_READ_SEGMENTS names {count} segments in a body of {read.Remaining} more bytes");
        var segments = new GuestSegment[count];
        var total = 0L;
        for (var i = 0; i < segments.Length; i++)
        {
            var (page, offset, bytes) = (read.U64("page"), read.U32("offset"), read.U32("count"));
            // Each segment lies in one page, as in GUEST_READ; the memory refuses one that does not, at its turn.
            var length = (int)Math.Min(bytes, WireConstants.PageSize + 1);
            segments[i] = new GuestSegment(page, (int)Math.Min(offset, int.MaxValue), length);
            total += length;
        }
        read.End();
        if (total > ProtocolConstants.MaxLength - 16) throw new MalformedFrameException($"GUEST_READ_SEGMENTS asks for {total} bytes, more than a reply frame holds");
        var destination = new byte[total];
        _setup.GuestMemory.ReadSegments(segments, destination);
        return Ok(reply => reply.Bytes(destination));
    }

    private Func<FrameBuilder, FrameBuilder> GuestWrite(BodyReader read)
    {
        var (page, offset, count) = (read.U64("page"), read.U32("offset"), read.U32("count"));
        var bytes = read.Bytes((int)Math.Min(count, int.MaxValue), "bytes").ToArray();
        read.End();
        _setup.GuestMemory.Write(page, (int)Math.Min(offset, int.MaxValue), bytes);
        return Ok();
    }

    private Registration Registered(BodyReader read)
    {
        var id = read.U32("registration");
        read.Skip(4, "reserved");
        return _registrations.TryGetValue(id, out var registration)
            ? registration
            : throw new MalformedFrameException($"registration {id} was never made by the harness");
    }

    // The channel argument (R-PP-3): this channel, or a channel the client never allocated.
    private IVmbChannel ChannelArgument(ulong handle) => handle == _handle ? this : _foreign ??= new ForeignChannel(handle);

    // The callback context (R-CTX-1): the object the client registered under that name, or one it never gave.
    private object? ContextArgument(ulong id) => id == 0 ? null : _contexts.TryGetValue(id, out var context) ? context : new object();

    private ulong ContextId(object? context)
    {
        if (context is null) return 0;
        if (_contextIds.TryGetValue(context, out var id)) return id;
        id = (ulong)_contextIds.Count + 1;
        _contextIds[context] = id;
        _contexts[id] = context;
        return id;
    }

    private sealed record Registration(
        ProcessPacketCallback? Legacy, ProcessPacketExCallback? Ex, ProcessingCompleteCallback? LegacyDone, ProcessingCompleteExCallback? ExDone, object? Context)
    {
        public bool HasProcessPacket => Legacy is not null || Ex is not null;

        public bool HasProcessingComplete => LegacyDone is not null || ExDone is not null;
    }
}
