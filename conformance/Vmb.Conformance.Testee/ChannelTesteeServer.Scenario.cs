using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Testee;

internal sealed partial class ChannelTesteeServer
{
    /// <summary>One allocated channel and everything the harness named for it: callbacks, packets, views, work, tasks.</summary>
    private sealed partial class Scenario : IExecutionEnvironment, IGuestMemory, IChannelObserver
    {
        private readonly ChannelTesteeServer _server;
        private readonly ulong _handle;
        private readonly Dictionary<ulong, VmbPacket> _packets = new();
        private readonly Dictionary<uint, IExternalDataView> _views = new();
        private readonly Dictionary<uint, Action> _work = new();
        private readonly Dictionary<uint, Action> _waiting = new();
        private readonly List<(uint Id, Task Task)> _tasks = new();
        private readonly List<(Memory<byte> Context, MemoryRegion Shared)> _lent = new();
        private IVmbChannel _channel = null!;
        private uint _nextWork, _nextView, _nextCookie;
        private int _contextCursor;

        public Scenario(ChannelTesteeServer server, ulong handle)
        {
            _server = server;
            _handle = handle;
        }

        public void Allocate()
        {
            var m = _server._mapping;
            _channel = _server._implementation.Allocate(new ChannelSetup
            {
                IncomingRing = _server.Region(m.IncomingOffset, m.IncomingSize),
                OutgoingRing = _server.Region(m.OutgoingOffset, m.OutgoingSize),
                GuestMemory = this,
                Environment = this,
                SignalPeer = () => _server.UpCall(new FrameBuilder(MessageKind.SignalPeer, 0)).End(),
                Observer = this,
            });
        }

        public Func<FrameBuilder, FrameBuilder> Perform(MessageKind kind, BodyReader read)
        {
            switch (kind)
            {
                case MessageKind.SetCallbacks: return Status(SetCallbacks(read));
                case MessageKind.SetContextSize: return Status(_channel.InitSetClientContextSize(Last(read, read.U32("size"))));
                case MessageKind.SetStateCallbacks: return Status(SetStateCallbacks(read));
                case MessageKind.SetPageSet:
                {
                    var id = read.U16("page_set_id");
                    read.Skip(2, "reserved");
                    var pages = new ulong[read.U32("count")];
                    for (var i = 0; i < pages.Length; i++) pages[i] = read.U64("page");
                    read.End();
                    return Status(_channel.InitSetTransferPageSet(id, pages));
                }
                case MessageKind.SetPassive:
                {
                    var require = read.U8("require_passive") != 0;
                    read.Skip(3, "reserved");
                    read.End();
                    _channel.SetIncomingProcessingAtPassive(require);
                    return r => r;
                }
                case MessageKind.SetQuota: _channel.SetTransactionQuota(Last(read, read.U32("quota"))); return r => r;
                case MessageKind.Enable: read.End(); return Status(_channel.Enable());
                case MessageKind.Pause: Track(Last(read, read.U32("task")), _channel.Pause()); return r => r;
                case MessageKind.Disable: Track(Last(read, read.U32("task")), _channel.Disable()); return r => r;
                case MessageKind.Start: read.End(); _channel.Start(); return r => r;
                case MessageKind.ChannelSignal: read.End(); _channel.Signal(); return r => r;
                case MessageKind.PeerClosed: read.End(); _channel.NotifyPeerClosed(); return r => r;
                case MessageKind.RunWork: Take(_work, Last(read, read.U32("work")), "work item")(); return r => r;
                case MessageKind.Resident: Take(_waiting, Last(read, read.U32("cookie")), "residency cookie")(); return r => r;
                case MessageKind.Complete:
                {
                    var packet = Packet(read.U64("token"));
                    var bytes = read.Bytes((int)read.U32("length"), "completion buffer").ToArray();
                    read.End();
                    packet.Complete(bytes);
                    return r => r;
                }
                case MessageKind.Fail: Packet(Last(read, read.U64("token"))).Fail(); return r => r;
                case MessageKind.Defer: Packet(Last(read, read.U64("token"))).DeferToPassive(); return r => r;
                case MessageKind.GetExternal: return GetExternal(read);
                case MessageKind.ViewRead:
                {
                    var view = View(read.U32("view"));
                    read.Skip(4, "reserved");
                    var offset = (long)read.U64("offset");
                    var bytes = new byte[Last(read, read.U32("count"))];
                    view.Read(offset, bytes);
                    return r => r.Bytes(bytes);
                }
                case MessageKind.ViewWrite:
                {
                    var view = View(read.U32("view"));
                    read.Skip(4, "reserved");
                    var offset = (long)read.U64("offset");
                    var bytes = read.Bytes((int)read.U32("count"), "bytes").ToArray();
                    read.End();
                    view.Write(offset, bytes);
                    return r => r;
                }
                case MessageKind.GetContext: return LendContext(Packet(Last(read, read.U64("token"))).GetClientContext());
                default: throw new ProtocolBrokenException($"{ProtocolConstants.Name((ushort)kind)} is not a channel call");
            }
        }

        /// <summary>Copies what the harness wrote into lent client contexts back, then forgets them (§13.5: the harness asks again).</summary>
        public void ContextsBack()
        {
            foreach (var (context, shared) in _lent) shared.Span[..context.Length].CopyTo(context.Span);
            _lent.Clear();
        }

        /// <summary>Reports every Pause or Disable that completed since the last look (TASK_DONE, §14.4).</summary>
        public void ReportFinishedTasks()
        {
            // Each report is an up-call during which the harness may open more tasks, so look afresh every time.
            while (_tasks.FindIndex(t => t.Task.IsCompleted) is var i and >= 0)
            {
                var (id, task) = _tasks[i];
                _tasks.RemoveAt(i);
                var violation = task.Exception?.InnerExceptions.OfType<ContractViolationException>().FirstOrDefault();
                _server.UpCall(new FrameBuilder(MessageKind.TaskDone, 0).U32(id).U8(task.IsFaulted ? (byte)1 : (byte)0).Zero(3).Str(violation?.RequirementId)).End();
            }
        }

        private static T Last<T>(BodyReader read, T value)
        {
            read.End();
            return value;
        }

        private static Func<FrameBuilder, FrameBuilder> Status(int status) => r => r.U32((uint)status);

        private static T Take<T>(Dictionary<uint, T> table, uint id, string what) =>
            table.Remove(id, out var value) ? value : throw new ProtocolBrokenException($"{what} {id} is not open");

        private void Track(uint id, Task task)
        {
            _tasks.Add((id, task));
            ReportFinishedTasks();
        }

        private VmbPacket Packet(ulong token) =>
            _packets.TryGetValue(token, out var packet) ? packet : throw new ProtocolBrokenException($"token 0x{token:X16} was never presented");

        private IExternalDataView View(uint id) =>
            _views.TryGetValue(id, out var view) ? view : throw new ProtocolBrokenException($"view {id} was never handed out");

        private ulong Token(VmbPacket packet)
        {
            _packets[packet.Token] = packet;
            return packet.Token;
        }

        private Func<FrameBuilder, FrameBuilder> GetExternal(BodyReader read)
        {
            var packet = Packet(read.U64("token"));
            var flags = Last(read, read.U32("flags"));
            var status = packet.GetExternalData(flags, out var view);
            if (view is null) return r => r.U32((uint)status).U8(0).Zero(3);
            var id = ++_nextView;
            _views[id] = view;
            return r =>
            {
                r.U32((uint)status).U8(1).Zero(3).U32(id).U8(view.IsReadOnly ? (byte)1 : (byte)0).Zero(3).U64((ulong)view.Length).U32((uint)view.Ranges.Count);
                foreach (var range in view.Ranges)
                {
                    r.U32(range.ByteOffset).U32(range.ByteCount).U32((uint)range.PageNumbers.Count).Zero(4);
                    foreach (var page in range.PageNumbers) r.U64(page);
                }
                return r;
            };
        }

        // The implementation's context memory, copied into the shared area where the harness reads and writes it.
        private Func<FrameBuilder, FrameBuilder> LendContext(Memory<byte> context)
        {
            var size = (int)_server._mapping.ContextSize;
            if (context.Length > size) throw new InvalidOperationException($"a client context of {context.Length} bytes does not fit the {size}-byte area");
            if (_contextCursor + context.Length > size) _contextCursor = 0;
            var offset = _contextCursor;
            _contextCursor += (context.Length + 7) & ~7;
            var shared = _server.Region(_server._mapping.ContextOffset + (uint)offset, (uint)context.Length);
            context.Span.CopyTo(shared.Span);
            _lent.Add((context, shared));
            return r => r.U32((uint)offset).U32((uint)context.Length);
        }

        private int SetCallbacks(BodyReader read)
        {
            var style = read.U8("style");
            var present = read.U8("present");
            read.Skip(2, "reserved");
            var registration = read.U32("registration");
            var context = Last(read, read.U64("context"));
            var name = new ContextName(context);
            ProcessPacketExCallback? packets = (present & 1) == 0 ? null : (ch, ctx, p, b, l, f) => Present(registration, ch, ctx, p, b, l, f);
            ProcessingCompleteExCallback? done = (present & 2) == 0 ? null : (ch, ctx, n) => ProcessingDone(registration, ch, ctx, n);
            if (style == 1) return _channel.InitSetProcessPacketCallbacksEx(context == 0 ? null : name, packets, done);
            return _channel.InitSetProcessPacketCallbacks(
                packets is null ? null : (ch, p, b, l, f) => packets(ch, null, p, b, l, f),
                done is null ? null : (ch, n) => done(ch, null, n));
        }

        private int SetStateCallbacks(BodyReader read)
        {
            var present = read.U8("present");
            read.Skip(3, "reserved");
            read.End();
            Action<IVmbChannel>? State(int bit) => (present & (1 << bit)) == 0 ? null : ch => StateCall(bit, ch);
            return _channel.InitSetStateChangeCallbacks(new StateChangeCallbacks
            {
                Opened = (present & 1) == 0 ? null : ch => StateCall(0, ch),
                Started = State(1),
                PostStarted = State(2),
                Suspend = State(3),
                Closed = State(4),
            });
        }

        private int StateCall(int which, IVmbChannel channel) =>
            (int)_server.UpCall(new FrameBuilder(MessageKind.State, 0).U8((byte)which).Zero(7).U64(Handle(channel))).U32("status");

        private void Present(uint registration, IVmbChannel channel, object? context, VmbPacket packet, ReadOnlySpan<byte> buffer, uint length, uint flags) =>
            _server.UpCall(new FrameBuilder(MessageKind.ProcessPacket, 0).U32(registration).Zero(4).U64(Handle(channel)).U64(ContextId(context))
                .U64(Token(packet)).U32(flags).U32(length).U32((uint)buffer.Length).Bytes(buffer)).End();

        private void ProcessingDone(uint registration, IVmbChannel channel, object? context, uint count) =>
            _server.UpCall(new FrameBuilder(MessageKind.ProcessingComplete, 0).U32(registration).Zero(4).U64(Handle(channel)).U64(ContextId(context))
                .U32(count).Zero(4)).End();

        // What the implementation passed as the channel argument: the harness's handle for this channel, or another value.
        private ulong Handle(IVmbChannel channel) => ReferenceEquals(channel, _channel) ? _handle : ~_handle;

        private static ulong ContextId(object? context) => context switch
        {
            null => 0,
            ContextName name => name.Id,
            _ => ulong.MaxValue,
        };

        public Irql CurrentIrql => _server.CurrentIrql;

        public TimeProvider Time => TimeProvider.System;

        public void QueueDispatch(Action work) => Queue(Irql.Dispatch, work);

        public void QueuePassive(Action work) => Queue(Irql.Passive, work);

        private void Queue(Irql level, Action work)
        {
            var id = ++_nextWork;
            _work[id] = work;
            _server.Notify(new FrameBuilder(MessageKind.QueueWork, 0).U8((byte)level).Zero(3).U32(id));
        }

        public void MisuseDetected(string requirementId, string detail) =>
            _server.Notify(new FrameBuilder(MessageKind.Misuse, 0).Str(requirementId).Str(detail));

        public void IntakeStopped(IntakeStopReason reason, string? requirementId, string detail) =>
            _server.Notify(new FrameBuilder(MessageKind.IntakeStopped, 0).U8(reason == IntakeStopReason.PacketFailed ? (byte)0 : (byte)1).Zero(3)
                .Str(requirementId).Str(detail));

        public void NonDataPacketConsumed(PacketType type, ulong transactionId) =>
            _server.Notify(new FrameBuilder(MessageKind.NonDataConsumed, 0).U16((ushort)type).Zero(6).U64(transactionId));
    }

    /// <summary>The callback context the implementation is handed: the harness's name for the client's context object.</summary>
    private sealed record ContextName(ulong Id);
}
