using System.Buffers.Binary;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Model;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Driver;

/// <summary>
/// The client: callbacks that carry out each packet's policy and record what they see. Bookkeeping happens
/// under the driver's gate; calls into the implementation happen outside it, so a threaded implementation
/// calling back while it holds its own lock cannot deadlock against the client.
/// </summary>
internal sealed class ClientDriver(ScenarioDriver driver)
{
    private readonly Dictionary<VmbPacket, int> _handles = new();
    private readonly List<LaterWork> _later = new();
    private readonly object _exContext = new();
    private IVmbChannel _channel = null!;
    private int _nextHandle;
    private int _presentations;
    private string? _harnessFault;
    private string? _implementationFault;

    public bool QuotaReached { get; private set; }
    public bool SawPending { get; private set; }
    public string? HarnessFault => _harnessFault;
    public string? ImplementationFault => _implementationFault;

    public void Attach(IVmbChannel channel) => _channel = channel;

    public int Register(IVmbChannel channel)
    {
        var o = driver.Scenario.Options;
        if (o.ExCallbacks)
            return channel.InitSetProcessPacketCallbacksEx(_exContext,
                (ch, ctx, p, b, l, f) => OnPacket(ch, ctx, p, b, l, f),
                o.ProcessingCompleteCallback ? (ch, ctx, n) => OnProcessingComplete(ch, ctx, n) : null);
        return channel.InitSetProcessPacketCallbacks(
            (ch, p, b, l, f) => OnPacket(ch, _exContext, p, b, l, f),
            o.ProcessingCompleteCallback ? (ch, n) => OnProcessingComplete(ch, _exContext, n) : null);
    }

    /// <summary>Registers the other callback kind, which <see cref="Register"/> must replace (R-CTX-2).</summary>
    public int RegisterSuperseded(IVmbChannel channel)
    {
        void Seen(Subject which) => driver.Record(new SupersededCallbackCalled { Callback = which });
        if (driver.Scenario.Options.ExCallbacks)
            return channel.InitSetProcessPacketCallbacks((_, _, _, _, _) => Seen(Subject.LegacyProcessPacket), (_, _) => Seen(Subject.LegacyProcessingComplete));
        return channel.InitSetProcessPacketCallbacksEx(new object(), (_, _, _, _, _, _) => Seen(Subject.ExProcessPacket), (_, _, _) => Seen(Subject.ExProcessingComplete));
    }

    public StateChangeCallbacks StateCallbacks() => new()
    {
        Opened = _ => { State(Subject.Opened); End(Subject.Opened); return driver.Scenario.Options.OpenedFails ? NtStatus.DeviceRemoved : NtStatus.Success; },
        Started = _ => { State(Subject.Started); End(Subject.Started); },
        PostStarted = _ => { State(Subject.PostStarted); End(Subject.PostStarted); },
        Suspend = _ => { State(Subject.Suspend); End(Subject.Suspend); },
        Closed = _ => { State(Subject.Closed); End(Subject.Closed); },
    };

    private void State(Subject callback) => driver.Record(new StateCallbackBegun { Callback = callback });

    private void End(Subject callback) => driver.Record(new StateCallbackEnded { Callback = callback });

    private int HandleId(VmbPacket handle)
    {
        lock (driver.Gate)
        {
            if (!_handles.TryGetValue(handle, out var id)) _handles[handle] = id = _nextHandle++;
            return id;
        }
    }

    private void OnProcessingComplete(IVmbChannel channel, object? context, uint count) =>
        Guard(() => driver.Record(new ProcessingCompleteCalled
        {
            Count = count, SameChannel = ReferenceEquals(channel, _channel), RegisteredContext = ReferenceEquals(context, _exContext),
        }));

    private void OnPacket(IVmbChannel channel, object? context, VmbPacket handle, ReadOnlySpan<byte> buffer, uint length, uint flags)
    {
        var bytes = buffer.ToArray();
        Guard(() =>
        {
            var handleId = HandleId(handle);
            var presentation = Interlocked.Increment(ref _presentations) - 1;
            PacketState? state;
            bool first, stale;
            lock (driver.Gate)
            {
                state = PresentationIdentity.Of(driver.Packets, handle, bytes, length, flags);
                stale = state is { Answered: true };
                first = state is { Presentations: 0 };
                if (state is not null)
                {
                    if (first && driver.CurrentQuota > 0 && driver.Packets.Count(p => p.Outstanding) + 1 >= driver.CurrentQuota) QuotaReached = true;
                    state.Presentations++;
                    state.AwaitingRepresentation = false;
                    state.LastSeen = (bytes, length, flags);
                    state.LastHandle = handle;
                }
            }
            driver.Record(new PresentationBegun
            {
                Packet = state?.Index ?? -1, Handle = handleId, Presentation = presentation, Length = length, Flags = flags, Buffer = bytes,
                SameChannel = ReferenceEquals(channel, _channel), RegisteredContext = ReferenceEquals(context, _exContext),
            });
            try
            {
                // A packet presented again after its answer gets no second answer: the client keeps R-CMPL-1
                // and the check of that rule reports the implementation.
                if (state is null) Answer(null, handle, handleId, presentation, [], inCallback: true);
                else if (!stale) Act(state, handle, handleId, presentation);
            }
            finally
            {
                driver.Record(new PresentationEnded { Packet = state?.Index ?? -1, Handle = handleId, Presentation = presentation });
            }
        });
    }

    private void Act(PacketState state, VmbPacket handle, int handleId, int presentation)
    {
        var policy = state.Step.Policy;
        MarkContext(state, handle, handleId);
        switch (policy.Kind)
        {
            case PolicyKind.CompleteInline:
                Answer(state, handle, handleId, presentation, policy.Response, inCallback: true);
                break;
            case PolicyKind.CompleteLater:
                lock (driver.Gate) _later.Add(new LaterWork(state.Index, handle, handleId, driver.CurrentStep + Math.Max(1, policy.Delay), DeferFirst: false));
                break;
            case PolicyKind.DeferThenComplete:
                if (state.Deferrals < policy.Defers) Defer(state, handle, handleId, presentation);
                else Answer(state, handle, handleId, presentation, policy.Response, inCallback: true);
                break;
            case PolicyKind.ExternalDataThenComplete:
            {
                var status = GetExternal(state, handle, handleId, presentation, policy.ReadOnly, out var view);
                if (status == NtStatus.Pending) { Await(state); break; }
                if (view is not null && !policy.ReadOnly && view.Length > 0)
                    Call(state, handleId, Subject.ViewWrite, () => view.Write(0, [0xA5]));
                Answer(state, handle, handleId, presentation, policy.Response, inCallback: true);
                break;
            }
            case PolicyKind.Fail:
                Call(state, handleId, Subject.Fail, handle.Fail);
                lock (driver.Gate) state.Answered = true;
                driver.Record(new PacketFailed { Packet = state.Index, Handle = handleId, Presentation = presentation });
                break;
            default:
                Probe(state, handle, handleId, presentation);
                break;
        }
    }

    private void Probe(PacketState state, VmbPacket handle, int handleId, int presentation)
    {
        var policy = state.Step.Policy;
        var rule = policy.ProbedRule!;
        void Mark() { lock (driver.Gate) state.ProbeDone = true; driver.Record(new MisuseProbed { Rule = rule, Packet = state.Index, Handle = handleId }); }
        if (state.ProbeDone && policy.Kind != PolicyKind.MisuseStaleHandle) { Answer(state, handle, handleId, presentation, policy.Response, true); return; }
        switch (policy.Kind)
        {
            case PolicyKind.MisuseCompleteTwice:
                Answer(state, handle, handleId, presentation, policy.Response, true);
                Mark();
                Call(state, handleId, Subject.CompleteSecond, () => handle.Complete(policy.Response));
                break;
            case PolicyKind.MisuseStaleHandle:
                if (state.PreviousHandle is null)
                {
                    lock (driver.Gate) state.PreviousHandle = handle;
                    Defer(state, handle, handleId, presentation);
                    break;
                }
                if (!state.ProbeDone && state.PreviousHandle != handle)
                {
                    Mark();
                    var stale = state.PreviousHandle.Value;
                    Call(state, HandleId(stale), Subject.CompleteStaleHandle, () => stale.Complete(policy.Response));
                }
                lock (driver.Gate) state.ProbeDone = true;
                if (!state.Answered) Answer(state, handle, handleId, presentation, policy.Response, true);
                break;
            case PolicyKind.MisuseDeferOutsideCallback:
                lock (driver.Gate) _later.Add(new LaterWork(state.Index, handle, handleId, driver.CurrentStep + 1, DeferFirst: true));
                break;
            case PolicyKind.MisuseExternalDataUnflagged:
                Mark();
                GetExternal(state, handle, handleId, presentation, true, out _);
                Answer(state, handle, handleId, presentation, policy.Response, true);
                break;
            case PolicyKind.MisuseUseDeadView:
            {
                var status = GetExternal(state, handle, handleId, presentation, true, out var view);
                if (status == NtStatus.Pending) { Await(state); break; }
                Answer(state, handle, handleId, presentation, policy.Response, true);
                if (view is null) break;
                Mark();
                Call(state, handleId, Subject.ViewReadDeadView, () => { Span<byte> one = stackalloc byte[1]; view.Read(0, one); });
                break;
            }
            case PolicyKind.MisuseWriteReadOnlyView:
            {
                var status = GetExternal(state, handle, handleId, presentation, true, out var view);
                if (status == NtStatus.Pending) { Await(state); break; }
                if (view is not null && view.Length > 0)
                {
                    Mark();
                    Call(state, handleId, Subject.ViewWriteReadOnly, () => view.Write(0, [0x5A]));
                }
                Answer(state, handle, handleId, presentation, policy.Response, true);
                break;
            }
            case PolicyKind.MisuseCompleteAfterPending:
            {
                var status = GetExternal(state, handle, handleId, presentation, true, out _);
                if (status != NtStatus.Pending) { Answer(state, handle, handleId, presentation, policy.Response, true); break; }
                Await(state);
                Mark();
                if (Call(state, handleId, Subject.CompleteAfterPending, () => handle.Complete(policy.Response)))
                {
                    lock (driver.Gate) { state.Answered = true; state.AwaitingRepresentation = false; }
                    driver.Record(new PacketCompleted { Packet = state.Index, Handle = handleId, Presentation = presentation, Response = policy.Response, InsideCallback = true });
                }
                break;
            }
            case PolicyKind.MisusePauseInCallback:
            {
                Mark();
                Task? pause = null;
                if (Call(state, handleId, Subject.PauseInCallback, () => pause = _channel.Pause()))
                    driver.TrackFromClient(Subject.PauseInCallback, pause);
                Answer(state, handle, handleId, presentation, policy.Response, true);
                break;
            }
        }
    }

    private void Await(PacketState state)
    {
        lock (driver.Gate) state.AwaitingRepresentation = true;
        SawPending = true;
    }

    private void Defer(PacketState state, VmbPacket handle, int handleId, int presentation)
    {
        lock (driver.Gate)
        {
            state.Deferrals++;
            state.AwaitingRepresentation = true;
        }
        driver.Record(new PacketDeferred { Packet = state.Index, Handle = handleId, Presentation = presentation });
        Call(state, handleId, Subject.DeferToPassive, handle.DeferToPassive);
    }

    private int GetExternal(PacketState state, VmbPacket handle, int handleId, int presentation, bool readOnly, out IExternalDataView? view)
    {
        IExternalDataView? got = null;
        var status = 0;
        if (!Call(state, handleId, Subject.GetExternalData, () => status = handle.GetExternalData(readOnly ? KmclFlags.ExternalDataReadOnly : 0, out got)))
        {
            view = null;
            return NtStatus.InvalidParameter1;
        }
        view = got;
        byte[]? seen = null, expected = null;
        if (got is not null && NtStatus.IsSuccess(status) && got.Length <= 1 << 20)
        {
            seen = new byte[got.Length];
            var copy = seen;
            Call(state, handleId, Subject.ViewRead, () => got.Read(0, copy));
            try { expected = PacketExpectation.ExternalBytes(state.Step, driver.Scenario, ReadGuest); }
            catch (InvalidOperationException) { expected = null; }
        }
        driver.Record(new ExternalDataRequested
        {
            Packet = state.Index, Handle = handleId, Presentation = presentation, AskedReadOnly = readOnly, Status = status,
            ViewReturned = got is not null, ViewLength = got?.Length ?? -1, ViewRanges = got?.Ranges.Count ?? 0,
            ViewReadOnly = got?.IsReadOnly ?? false, ViewBytes = seen, GuestBytes = expected,
        });
        return status;
    }

    private void ReadGuest(ulong page, int offset, Span<byte> destination) => driver.Guest.Read(page, offset, destination);

    /// <summary>Writes the packet's marker into its client context at each presentation (R-CTX-3, R-CTX-4).</summary>
    private void MarkContext(PacketState state, VmbPacket handle, int handleId)
    {
        var size = driver.Scenario.Options.ClientContextSize;
        if (size == 0) return;
        Call(state, handleId, Subject.GetClientContext, () =>
        {
            var context = handle.GetClientContext();
            if (context.Length >= 4) BinaryPrimitives.WriteInt32LittleEndian(context.Span, Marker(state));
        });
    }

    private static int Marker(PacketState state) => 0x7C000000 | state.Index;

    private void CheckContext(PacketState state, VmbPacket handle, int handleId)
    {
        var size = driver.Scenario.Options.ClientContextSize;
        if (size == 0) return;
        Call(state, handleId, Subject.GetClientContext, () =>
        {
            var context = handle.GetClientContext();
            var intact = context.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(context.Span) == Marker(state);
            driver.Record(new ClientContextChecked { Packet = state.Index, Handle = handleId, Intact = intact, ContextLength = context.Length });
        });
    }

    private void Answer(PacketState? state, VmbPacket handle, int handleId, int presentation, byte[] response, bool inCallback)
    {
        if (state is not null) CheckContext(state, handle, handleId);
        driver.Record(new PacketCompleted { Packet = state?.Index ?? -1, Handle = handleId, Presentation = presentation, Response = response, InsideCallback = inCallback });
        if (state is not null) lock (driver.Gate) state.Answered = true;
        Call(state, handleId, Subject.Complete, () => handle.Complete(response));
    }

    /// <summary>Completions and probes that were due by <paramref name="step"/>, done from the harness thread (R-CMPL-2).</summary>
    public void RunDueWork(int step)
    {
        List<LaterWork> due;
        lock (driver.Gate)
        {
            due = _later.Where(w => w.DueStep <= step).ToList();
            _later.RemoveAll(w => w.DueStep <= step);
        }
        foreach (var work in due)
        {
            var state = driver.Packets[work.Packet];
            if (work.DeferFirst)
            {
                driver.Record(new MisuseProbed { Rule = "R-MIS-3", Packet = state.Index, Handle = work.HandleId });
                lock (driver.Gate) state.ProbeDone = true;
                Call(state, work.HandleId, Subject.DeferOutsideCallback, work.Handle.DeferToPassive);
            }
            var respond = () => Answer(state, work.Handle, work.HandleId, -1, state.Step.Policy.Response, inCallback: false);
            switch (driver.Environment)
            {
                case Spec.Environment.DeterministicEnvironment env when work.Packet % 2 == 1:
                    env.RunAt(Irql.Dispatch, respond);
                    break;
                case Spec.Environment.ThreadedEnvironment threads:
                    // The concurrency slice: answers due together race each other on real threads (DPCs and workers), after a
                    // seeded delay, while the harness goes on writing and signalling.
                    var spins = AnswerDelay(driver.Scenario.SchedulerSeed, work.Packet);
                    void Racing() { Thread.SpinWait(spins); respond(); }
                    if (work.Packet % 2 == 1) threads.QueueDispatch(Racing);
                    else threads.QueuePassive(Racing);
                    break;
                default:
                    respond();
                    break;
            }
        }
    }

    // Spins before a racing answer, drawn from the scenario so a replay varies the interleaving the same way.
    private static int AnswerDelay(int seed, int packet) => (int)(unchecked((uint)seed * 0x9E3779B1u + (uint)packet * 0x85EBCA6Bu) % 4000);

    /// <summary>Runs a client call into the implementation; records a throw. False when it threw.</summary>
    private bool Call(PacketState? state, int handleId, Subject what, Action call)
    {
        try
        {
            call();
            return true;
        }
        catch (ContractViolationException e)
        {
            driver.Record(new CallThrew { Packet = state?.Index ?? -1, Handle = handleId, Call = what, Rule = e.RequirementId, Message = e.Detail });
            return false;
        }
        catch (Exception e) when (e is not ImplementationLostException)
        {
            driver.Record(new CallThrew { Packet = state?.Index ?? -1, Handle = handleId, Call = what, Unexpected = true, Message = $"{e.GetType().Name}: {e.Message}" });
            _implementationFault ??= $"{what} threw {e.GetType().Name}: {e.Message}";
            return false;
        }
    }

    /// <summary>Nothing the harness does inside a callback may throw into the implementation.</summary>
    private void Guard(Action body)
    {
        try { body(); }
        catch (Exception e) when (e is not ImplementationLostException) { _harnessFault ??= $"client driver: {e.GetType().Name}: {e.Message}"; }
    }
}
