using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>
/// One scenario's channel in the testee, as the harness's client and driver see it: every <see cref="IVmbChannel"/>
/// and packet call is a down-call carrying the caller's IRQL (spec/testee-protocol.md §13); the testee's up-calls are
/// served by the other half of this class. A <c>failed</c> reply surfaces as the exception an in-process implementation
/// would have thrown (a crash, R-LIFE-22), a <c>violation</c> as the <see cref="ContractViolationException"/> a strict one raises.
/// </summary>
internal sealed partial class RemoteChannel : IVmbChannel, IVmbPacketOwner
{
    private readonly RemoteCalls _calls;
    private readonly TesteeChannel.ChannelSession _session;
    private readonly ChannelSetup _setup;
    private readonly ulong _handle;
    private readonly Dictionary<uint, TaskCompletionSource> _tasks = new();
    private uint _nextTask;

    public RemoteChannel(RemoteCalls calls, TesteeChannel.ChannelSession session, ChannelSetup setup, ulong handle)
    {
        _calls = calls;
        _session = session;
        _setup = setup;
        _handle = handle;
        calls.UpCalls = Serve;
    }

    public void Allocate() => Done(Call(MessageKind.Allocate, Down(MessageKind.Allocate).U64(_handle)));

    public int InitSetProcessPacketCallbacks(ProcessPacketCallback? processPacket, ProcessingCompleteCallback? processingComplete) =>
        SetCallbacks(new Registration(processPacket, null, processingComplete, null, null), style: 0);

    public int InitSetProcessPacketCallbacksEx(object? callbackContext, ProcessPacketExCallback? processPacket, ProcessingCompleteExCallback? processingComplete) =>
        SetCallbacks(new Registration(null, processPacket, null, processingComplete, callbackContext), style: 1);

    public int InitSetClientContextSize(uint contextSize) => Status(Call(MessageKind.SetContextSize, Down(MessageKind.SetContextSize).U32(contextSize)));

    public int InitSetStateChangeCallbacks(StateChangeCallbacks callbacks)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        _stateCallbacks = callbacks;
        var present = (callbacks.Opened is null ? 0 : 1) | (callbacks.Started is null ? 0 : 2) | (callbacks.PostStarted is null ? 0 : 4)
            | (callbacks.Suspend is null ? 0 : 8) | (callbacks.Closed is null ? 0 : 16);
        return Status(Call(MessageKind.SetStateCallbacks, Down(MessageKind.SetStateCallbacks).U8((byte)present).Zero(3)));
    }

    public int InitSetTransferPageSet(ushort pageSetId, IReadOnlyList<ulong> pageNumbers)
    {
        ArgumentNullException.ThrowIfNull(pageNumbers);
        var body = Down(MessageKind.SetPageSet).U16(pageSetId).Zero(2).U32((uint)pageNumbers.Count);
        foreach (var page in pageNumbers) body.U64(page);
        return Status(Call(MessageKind.SetPageSet, body));
    }

    public void SetIncomingProcessingAtPassive(bool requirePassive) =>
        Done(Call(MessageKind.SetPassive, Down(MessageKind.SetPassive).U8(requirePassive ? (byte)1 : (byte)0).Zero(3)));

    public void SetTransactionQuota(uint quota) => Done(Call(MessageKind.SetQuota, Down(MessageKind.SetQuota).U32(quota)));

    public int Enable() => Status(Call(MessageKind.Enable, Down(MessageKind.Enable)));

    public Task Disable() => Waiting(MessageKind.Disable);

    public Task Pause() => Waiting(MessageKind.Pause);

    public void Start() => Done(Call(MessageKind.Start, Down(MessageKind.Start)));

    public void Signal() => Done(Call(MessageKind.ChannelSignal, Down(MessageKind.ChannelSignal)));

    public void NotifyPeerClosed() => Done(Call(MessageKind.PeerClosed, Down(MessageKind.PeerClosed)));

    public void Complete(ulong token, ReadOnlySpan<byte> completionBuffer) =>
        Done(Call(MessageKind.Complete, Down(MessageKind.Complete).U64(token).U32((uint)completionBuffer.Length).Bytes(completionBuffer)));

    public void Fail(ulong token) => Done(Call(MessageKind.Fail, Down(MessageKind.Fail).U64(token)));

    public void DeferToPassive(ulong token) => Done(Call(MessageKind.Defer, Down(MessageKind.Defer).U64(token)));

    public int GetExternalData(ulong token, uint flags, out IExternalDataView? view)
    {
        var reply = Call(MessageKind.GetExternal, Down(MessageKind.GetExternal).U64(token).U32(flags));
        (var status, view) = Read(reply, read =>
        {
            var status = (int)read.U32("status");
            var hasView = read.U8("has_view");
            read.Skip(3, "reserved");
            if (hasView > 1) throw new MalformedFrameException($"has_view {hasView} is not 0 or 1");
            return (status, hasView == 1 ? RemoteView.Parse(this, read) : null);
        });
        return status;
    }

    public Memory<byte> GetClientContext(ulong token)
    {
        var reply = Call(MessageKind.GetContext, Down(MessageKind.GetContext).U64(token));
        var (offset, length) = Read(reply, read => (read.U32("offset"), read.U32("length")));
        if ((ulong)offset + length > TesteeChannel.ContextAreaSize)
            throw _calls.Violation($"GET_CONTEXT placed {length} byte(s) at {offset}, outside the {TesteeChannel.ContextAreaSize}-byte client-context area");
        return new SharedBytes(_session.ContextArea.Slice((int)offset, (int)length)).Memory;
    }

    /// <summary>VIEW_READ: bytes of a view, counted across its ranges.</summary>
    internal void ViewRead(uint view, long offset, Span<byte> destination)
    {
        var reply = Call(MessageKind.ViewRead, Down(MessageKind.ViewRead).U32(view).Zero(4).U64((ulong)offset).U32((uint)destination.Length));
        var count = destination.Length;
        Read(reply, read => read.Bytes(count, "bytes").ToArray()).CopyTo(destination);
    }

    /// <summary>VIEW_WRITE: bytes written through a view.</summary>
    internal void ViewWrite(uint view, long offset, ReadOnlySpan<byte> source) =>
        Done(Call(MessageKind.ViewWrite, Down(MessageKind.ViewWrite).U32(view).Zero(4).U64((ulong)offset).U32((uint)source.Length).Bytes(source)));

    private int SetCallbacks(Registration registration, byte style)
    {
        var id = ++_nextRegistration;
        _registrations[id] = registration;
        var present = (registration.HasProcessPacket ? 1 : 0) | (registration.HasProcessingComplete ? 2 : 0);
        var context = style == 1 ? ContextId(registration.Context) : 0;
        return Status(Call(MessageKind.SetCallbacks, Down(MessageKind.SetCallbacks).U8(style).U8((byte)present).Zero(2).U32(id).U64(context)));
    }

    private Task Waiting(MessageKind kind)
    {
        var task = ++_nextTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _tasks[task] = done;
        try
        {
            Done(Call(kind, Down(kind).U32(task)));
        }
        catch
        {
            _tasks.Remove(task);
            throw;
        }
        return done.Task;
    }

    // The call header (§13.1): the level of the calling context, as the harness's environment says.
    private FrameBuilder Down(MessageKind kind) => new FrameBuilder(kind, 0).U8((byte)_setup.Environment.CurrentIrql).Zero(3);

    private Frame Call(MessageKind kind, FrameBuilder body) => _calls.Call(kind, body);

    private int Status(Frame reply) => Read(reply, read => (int)read.U32("status"));

    private void Done(Frame reply) => Read(reply, _ => 0);

    // Reads an ok reply's fields to the end; a failed or violation reply becomes the exception an in-process call would throw.
    private T Read<T>(Frame reply, Func<BodyReader, T> fields)
    {
        try
        {
            var read = new BodyReader(reply);
            switch (read.Result())
            {
                case ResultCode.Ok:
                    var value = fields(read);
                    read.End();
                    return value;
                case ResultCode.Failed:
                    throw new TesteeOperationFailedException(read.Error().ToString());
                case ResultCode.Violation:
                    var error = read.Error();
                    if (error.RuleId is null) throw new MalformedFrameException("a violation must name the rule the client broke");
                    throw new ContractViolationException(error.RuleId, error.Message);
                case var other:
                    throw new MalformedFrameException($"result {(byte)other} is not a channel-level result");
            }
        }
        catch (MalformedFrameException e)
        {
            throw _calls.Violation($"{e.Message}: {reply}");
        }
    }
}
