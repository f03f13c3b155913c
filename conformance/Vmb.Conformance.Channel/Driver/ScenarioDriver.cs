using Vmb.Conformance.Engine;
using Vmb.Conformance.Model;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Driver;

/// <summary>
/// Runs one scenario against one implementation: plays the opposite endpoint (<see cref="PeerEndpoint"/>),
/// the client (<see cref="ClientDriver"/>) and hands the environment in; records every observable event.
/// </summary>
internal sealed partial class ScenarioDriver
{
    private readonly Scenario _scenario;
    private readonly IChannelImplementation _implementation;
    private readonly int _stepBudget;
    private readonly Trace _trace = new();
    private readonly GuestMemory _guest = new(GuestPageContents.Fill);
    private readonly List<PacketState> _packets = new();
    private readonly Queue<int> _backlog = new();
    private readonly List<(Subject Name, Task Task, bool Reported)> _tasks = new();
    private readonly Lock _gate = new();
    private IExecutionEnvironment _env = null!;
    private DeterministicEnvironment? _deterministic;
    private ThreadedEnvironment? _threaded;
    private PeerEndpoint _endpoint = null!;
    private IVmbChannel _channel = null!;
    private ClientDriver _client = null!;
    private long _stepsUsed;
    private int _currentStep = -1;
    private int _signalsReceived;
    private bool _paused;
    private bool _closed;
    private RunOutcome _outcome = RunOutcome.Completed;
    private string? _outcomeDetail;
    private Subject? _stalledOn;
    private bool _neverIdle;
    private bool _callNeverReturned;
    private bool _outgoingFull;
    private bool _incomingFull;
    private bool _pauseWhilePending;
    private int _signalsAtBlock = -1;
    // The outgoing ring as the peer last looked at it: empty or not, and the signals received by then (R-SIG-1).
    private bool _outgoingWasEmpty = true;
    private int _signalsAtLook;
    private uint _quota;
    private bool _watching;
    private readonly Queue<ScenarioStep> _controls = new();

    /// <summary>
    /// A client calls Pause and Start from one thread and Pause blocks (R-PAUSE-3), so the next Pause or Start
    /// waits until the running Pause returned.
    /// </summary>
    private bool PauseInFlight
    {
        get { lock (_gate) return _tasks.Any(t => t.Name == Subject.Pause && !t.Task.IsCompleted); }
    }

    private bool RunWaitingControls()
    {
        var ran = false;
        while (_controls.Count > 0 && !PauseInFlight && _outcome == RunOutcome.Completed)
        {
            RunStep(_controls.Dequeue(), dequeued: true);
            ran = true;
        }
        return ran;
    }

    private ScenarioDriver(Scenario scenario, IChannelImplementation implementation, int stepBudget)
    {
        _scenario = scenario;
        _implementation = implementation;
        _stepBudget = stepBudget;
    }

    /// <summary>Runs <paramref name="scenario"/> on <paramref name="implementation"/> within <paramref name="stepBudget"/> scheduler steps.</summary>
    public static RunRecord Run(IChannelImplementation implementation, Scenario scenario, int stepBudget)
    {
        var driver = new ScenarioDriver(scenario, implementation, stepBudget);
        return driver.Execute();
    }

    internal Trace Trace => _trace;
    internal IExecutionEnvironment Environment => _env;
    internal int CurrentStep => _currentStep;
    internal IReadOnlyList<PacketState> Packets => _packets;
    internal Lock Gate => _gate;
    internal GuestMemory Guest => _guest;
    internal Scenario Scenario => _scenario;
    internal uint CurrentQuota => Volatile.Read(ref _quota);

    private RunRecord Execute()
    {
        var info = _implementation.Info;
        var remote = _implementation as IRemoteChannel;
        // The protocol is serial by construction (spec/testee-protocol.md §16), so a remote channel runs every scenario on the deterministic scheduler.
        var threaded = _scenario.Threaded && remote is null;
        _threaded = threaded ? new ThreadedEnvironment(2, 2) : null;
        _deterministic = threaded ? null : new DeterministicEnvironment(_scenario.SchedulerSeed);
        _env = (IExecutionEnvironment?)_threaded ?? _deterministic!;
        using var memory = new ScenarioMemory(remote, RingLayout.RegionSize(_scenario.IncomingDataSize), RingLayout.RegionSize(_scenario.OutgoingDataSize));
        try
        {
            var (incoming, outgoing) = memory.Open();
            _endpoint = new PeerEndpoint(incoming, _scenario.IncomingStart, outgoing, _scenario.OutgoingStart);
            foreach (var page in _scenario.GuestPages)
            {
                _guest.AddPage(page.Page);
                if (!page.Resident) _guest.Evict(page.Page);
            }
            var steps = _scenario.Packets.ToArray();
            var tags = PresentationIdentity.Tags(steps.Select(s => s.Payload).ToArray());
            for (var index = 0; index < steps.Length; index++)
                _packets.Add(new PacketState(index, steps[index], PacketExpectation.Buffer(steps[index], _scenario.Options.Profile), PacketExpectation.Flags(steps[index], info), tags[index]));
            _client = new ClientDriver(this);
            if (BringUp(incoming, outgoing))
            {
                for (var i = 0; i < _scenario.Steps.Length && _outcome == RunOutcome.Completed; i++)
                {
                    _currentStep = i;
                    Record(new StepBegun { StepType = _scenario.Steps[i].GetType().Name });
                    _client.RunDueWork(i);
                    // On real threads the answers just queued race the step below (the concurrency slice); otherwise they settle first.
                    if (_threaded is null) Settle(polling: false);
                    if (_outcome != RunOutcome.Completed) break;
                    RunStep(_scenario.Steps[i]);
                    Settle(polling: false);
                    LookAtOutgoing();
                }
                if (_outcome == RunOutcome.Completed) FinalPhase();
            }
        }
        catch (ImplementationLostException lost)
        {
            _callNeverReturned = lost.Outcome == RunOutcome.Timeout;
            Abort(lost.Outcome, lost.Message);
        }
        catch (ImplementationFault fault)
        {
            Abort(RunOutcome.Crash, fault.Message);
        }
        catch (Exception e)
        {
            Abort(RunOutcome.HarnessError, $"harness: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _threaded?.Dispose();
            memory.Close();
        }
        if (_client is { HarnessFault: { } harness } && _outcome == RunOutcome.Completed) Abort(RunOutcome.HarnessError, harness);
        if (_client is { ImplementationFault: { } crash } && _outcome == RunOutcome.Completed) Abort(RunOutcome.Crash, crash);
        var facts = new RunFacts
        {
            WrapAround = _endpoint is { IncomingWrapped: true } or { OutgoingWrapped: true },
            IncomingRingFull = _incomingFull,
            OutgoingRingFull = _outgoingFull,
            QuotaReached = _client?.QuotaReached ?? false,
            PauseWhilePending = _pauseWhilePending,
            ExternalDataPending = _client?.SawPending ?? false,
        };
        return new RunRecord(_scenario, info, _trace.Events, _outcome, _outcomeDetail, facts) { StalledOn = _stalledOn, NeverIdle = _neverIdle, CallNeverReturned = _callNeverReturned, Diagnostics = memory.Diagnostics };
    }

    internal void Record(TraceEvent e)
    {
        NoticeFinishedTasks();
        RecordNow(e);
    }

    // A task's completion is noticed before any event, so the trace shows it where it happened.
    private void NoticeFinishedTasks()
    {
        if (Volatile.Read(ref _watching)) PollTasks();
    }

    private void RecordNow(TraceEvent e) => _trace.Add(e with { Step = _currentStep, Irql = e.Irql == default ? _env.CurrentIrql : e.Irql });

    internal void Abort(RunOutcome outcome, string detail)
    {
        if (_outcome != RunOutcome.Completed) return;
        _outcome = outcome;
        _outcomeDetail = detail;
        _trace.Add(new RunAborted { Step = _currentStep, Outcome = outcome, Detail = detail });
    }

    /// <summary>Calls the implementation from the harness; anything but a contract violation is a crash.</summary>
    private T Impl<T>(Subject what, Func<T> call)
    {
        try { return call(); }
        catch (ContractViolationException e)
        {
            Record(new CallThrew { Call = what, Rule = e.RequirementId, Message = e.Detail });
            return default!;
        }
        catch (Exception e) when (e is not (ImplementationFault or ImplementationLostException))
        {
            throw new ImplementationFault($"{what} threw {e.GetType().Name}: {e.Message}");
        }
    }

    private void Impl(Subject what, Action call) => Impl(what, () => { call(); return 0; });

    private bool BringUp(MemoryRegion incoming, MemoryRegion outgoing)
    {
        var o = _scenario.Options;
        _quota = o.Quota;
        var setup = new ChannelSetup
        {
            IncomingRing = incoming,
            OutgoingRing = outgoing,
            GuestMemory = _guest,
            Environment = _env,
            SignalPeer = () =>
            {
                Interlocked.Increment(ref _signalsReceived);
                Record(new SignalReceived());
            },
            Observer = new TraceObserver(this),
        };
        _channel = Impl(Subject.Allocate, () => _implementation.Allocate(setup));
        if (_channel is null) throw new ImplementationFault("Allocate returned null");
        _client.Attach(_channel);
        if (o.ProbeRegistration)
        {
            Control(Subject.NullProcessPacketProbe, () => o.ExCallbacks ? _channel.InitSetProcessPacketCallbacksEx(null, null, null) : _channel.InitSetProcessPacketCallbacks(null, null));
            if (_implementation.Info.Has(ChannelCapabilities.ExCallbacks))
                Control(Subject.InitSetProcessPacketCallbacksReplaced, () => _client.RegisterSuperseded(_channel));
        }
        Control(Subject.InitSetProcessPacketCallbacks, () => _client.Register(_channel));
        if (o.ClientContextSize > 0) Control(Subject.InitSetClientContextSize, () => _channel.InitSetClientContextSize(o.ClientContextSize));
        Control(Subject.InitSetStateChangeCallbacks, () => _channel.InitSetStateChangeCallbacks(_client.StateCallbacks()));
        foreach (var set in _scenario.PageSets)
            Control(Subject.InitSetTransferPageSet, () => _channel.InitSetTransferPageSet(set.Id, set.Pages), value: set.Id);
        if (o.PassiveProcessing) Control(Subject.SetIncomingProcessingAtPassive, () => { _channel.SetIncomingProcessingAtPassive(true); return NtStatus.Success; }, statusless: true);
        if (o.Quota > 0) Control(Subject.SetTransactionQuota, () => { _channel.SetTransactionQuota(o.Quota); return NtStatus.Success; }, statusless: true, value: o.Quota);
        if (o.PauseBeforeEnable)
        {
            Record(new ControlCalled { Call = Subject.Pause, Statusless = true });
            _paused = true;
            Track(Subject.Pause, Impl(Subject.Pause, _channel.Pause));
        }
        var enabled = Control(Subject.Enable, () => _channel.Enable());
        if (o.ProbeInitAfterEnable) Control(Subject.InitAfterEnable, () => _channel.InitSetClientContextSize(16));
        Settle(polling: false);
        return NtStatus.IsSuccess(enabled) && _outcome == RunOutcome.Completed;
    }

    private int Control(Subject name, Func<int> call, bool statusless = false, long value = 0)
    {
        var status = Impl(name, call);
        Record(new ControlCalled { Call = name, Status = status, Statusless = statusless, Argument = value });
        return status;
    }

    private void Track(Subject name, Task? task)
    {
        TrackFromClient(name, task);
        PollTasks();
    }

    /// <summary>
    /// Watches an asynchronous control call. Its completion is noticed before every trace event is recorded
    /// (and after every scheduler step), so it lands in the trace where it happened, even when the
    /// implementation completes the task with asynchronous continuations.
    /// </summary>
    internal void TrackFromClient(Subject name, Task? task)
    {
        if (task is null) return;
        lock (_gate) _tasks.Add((name, task, false));
        Volatile.Write(ref _watching, true);
    }

    private void Report(int slot)
    {
        (Subject Name, Task Task, bool Reported) t;
        lock (_gate)
        {
            t = _tasks[slot];
            if (t.Reported) return;
            _tasks[slot] = (t.Name, t.Task, true);
        }
        var violation = t.Task.Exception?.InnerExceptions.OfType<ContractViolationException>().FirstOrDefault();
        RecordNow(new ControlCompleted { Call = t.Name, Faulted = t.Task.IsFaulted, Rule = violation?.RequirementId });
    }

    private void PollTasks()
    {
        List<int> done = new();
        lock (_gate)
            for (var i = 0; i < _tasks.Count; i++)
                if (!_tasks[i].Reported && _tasks[i].Task.IsCompleted) done.Add(i);
        foreach (var slot in done) Report(slot);
    }

    private void RunStep(ScenarioStep step, bool dequeued = false)
    {
        switch (step)
        {
            case WritePacketStep:
                var packet = _packets.Count(p => p.Written) + _backlog.Count;
                if (_backlog.Count > 0 || !TryWrite(packet)) _backlog.Enqueue(packet);
                break;
            case SignalStep:
                Doorbell(Subject.ExtraSignal);
                break;
            case MakeResidentStep m:
                Record(new PageMadeResident { Page = m.Page });
                Impl(Subject.PageResident, () => _guest.MakeResident(m.Page));
                break;
            case DrainOutgoingStep:
                Drain();
                break;
            case PeerCloseStep:
                Record(new ControlCalled { Call = Subject.NotifyPeerClosed, Statusless = true });
                _closed = true;
                Impl(Subject.NotifyPeerClosed, _channel.NotifyPeerClosed);
                break;
            case PauseStep or StartStep when !dequeued && (PauseInFlight || _controls.Count > 0):
                Record(new ControlCalled { Call = Subject.WaitForRunningPause, Statusless = true, Argument = -1 });
                _controls.Enqueue(step);
                break;
            case PauseStep:
                lock (_gate) _pauseWhilePending |= _packets.Any(p => p.Outstanding || (p.Written && p.Presentations == 0)) || _backlog.Count > 0;
                Record(new ControlCalled { Call = Subject.Pause, Statusless = true });
                _paused = true;
                Track(Subject.Pause, Impl(Subject.Pause, _channel.Pause));
                break;
            case StartStep:
                Record(new ControlCalled { Call = Subject.Start, Statusless = true });
                _paused = false;
                Impl(Subject.Start, _channel.Start);
                break;
            case SetQuotaStep q:
                Record(new ControlCalled { Call = Subject.SetTransactionQuota, Statusless = true, Argument = q.Quota });
                Volatile.Write(ref _quota, q.Quota);
                Impl(Subject.SetTransactionQuota, () => _channel.SetTransactionQuota(q.Quota));
                break;
        }
    }

    private bool TryWrite(int packet)
    {
        var state = _packets[packet];
        var bytes = PacketEncoder.Encode(state.Step, _scenario.Options.Profile);
        if (bytes.Length + WireConstants.TrailerSize > _endpoint.IncomingCapacity)
            throw new InvalidOperationException($"packet {packet} ({bytes.Length} B) can never fit the incoming ring");
        bool published, signal;
        // A channel on another thread may present the packet as soon as the write index moves; it names the packet
        // under the gate (PresentationIdentity), so publishing, marking and recording the write under the gate makes
        // it find the packet written, with its PacketWritten event before its presentation. A task's completion is
        // noticed first, as before any event (Record).
        NoticeFinishedTasks();
        lock (_gate)
        {
            published = _endpoint.TryWriteIncoming(bytes, out var offset, out signal);
            if (published)
            {
                state.Written = true;
                RecordNow(new PacketWritten { Packet = packet, Offset = offset, Length = (uint)bytes.Length });
            }
        }
        if (!published)
        {
            _incomingFull = true;
            _signalsAtBlock = Volatile.Read(ref _signalsReceived);
            Record(new IncomingRingFull { Packet = packet, Needed = bytes.Length + WireConstants.TrailerSize });
            return false;
        }
        if (signal) Doorbell(Subject.Signal);
        return true;
    }

    /// <summary>Moves the backlog on: after the implementation's room signal (R-SIG-5), or by polling in the final phase.</summary>
    private bool PushBacklog(bool polling)
    {
        var moved = false;
        while (_backlog.Count > 0 && _outcome == RunOutcome.Completed)
        {
            var signalled = Volatile.Read(ref _signalsReceived) != _signalsAtBlock;
            if (!signalled && !polling)
            {
                var pss = _endpoint.IncomingPendingSendSize;
                if (pss == 0 || _endpoint.IncomingFree <= pss) return moved;
                Record(new RoomSignalMissing { PendingSendSize = pss, Free = _endpoint.IncomingFree });
                polling = true;
            }
            if (!TryWrite(_backlog.Peek())) return moved;
            _backlog.Dequeue();
            moved = true;
        }
        return moved;
    }

    /// <summary>
    /// Between two looks only the channel moves the outgoing ring, so a ring that was empty at the last look, holds
    /// packets now and saw no signal in between was published into without ringing the peer (R-SIG-1). On real threads
    /// a look can fall between a publication and the signal that follows it, so threaded runs are not looked at; nor is
    /// a run already ended, whose channel may have stopped between a publication and its signal for a reason of its own.
    /// </summary>
    private void LookAtOutgoing()
    {
        if (_threaded is not null || _outcome != RunOutcome.Completed) return;
        var signals = Volatile.Read(ref _signalsReceived);
        var used = _endpoint.OutgoingUsed;
        if (_outgoingWasEmpty && used > 0 && signals == _signalsAtLook) Record(new OutgoingUnsignalled { Used = used });
        (_outgoingWasEmpty, _signalsAtLook) = (used == 0, signals);
    }

    private void Drain()
    {
        LookAtOutgoing();
        var before = _endpoint.OutgoingUsed;
        if (_endpoint.OutgoingPendingSendSize != 0 || before > _scenario.OutgoingDataSize / 2) _outgoingFull = true;
        var reads = _endpoint.DrainOutgoing(out var signal, out var error);
        foreach (var read in reads)
        {
            var d = read.Descriptor;
            Record(new OutgoingPacketRead
            {
                PacketType = d.Type, DescriptorFlags = d.Flags, DataOffset8 = d.Offset8, Length8 = d.Len8, TransactionId = d.TransactionId,
                Payload = read.Payload, RingOffset = read.RingOffset, TrailerOk = read.TrailerOk,
            });
        }
        if (error is not null) Record(new OutgoingMalformed { Problem = error });
        (_outgoingWasEmpty, _signalsAtLook) = (_endpoint.OutgoingUsed == 0, Volatile.Read(ref _signalsReceived));
        if (signal) Doorbell(Subject.RoomSignal);
    }

    /// <summary>
    /// Rings the channel's doorbell. A doorbell is an interrupt: in deterministic scenarios with an odd scheduler seed it
    /// arrives at DEVICE level, so a channel that presents from inside Signal shows its callbacks above DISPATCH (R-PP-11).
    /// </summary>
    private void Doorbell(Subject reason)
    {
        void Ring()
        {
            Record(new SignalSent { Reason = reason });
            Impl(Subject.Signal, _channel.Signal);
        }
        if (_deterministic is not null && (_scenario.SchedulerSeed & 1) == 1) _deterministic.RunAt(Irql.Device, Ring);
        else Ring();
    }

    /// <summary>Lets queued work run: the deterministic scheduler to idle within the budget, the threaded one until quiet.</summary>
    private void Settle(bool polling)
    {
        for (var round = 0; round < 64 && _outcome == RunOutcome.Completed; round++)
        {
            if (!RunQueued()) return;
            PollTasks();
            var controls = RunWaitingControls();
            if (!PushBacklog(polling) && !controls) return;
        }
    }

    private bool RunQueued()
    {
        if (_deterministic is { } env)
        {
            var left = _stepBudget - _stepsUsed;
            var before = env.StepsRun;
            bool idle;
            try
            {
                idle = env.RunUntil(() => { PollTasks(); return env.Pending == 0; }, (int)Math.Max(0, left));
            }
            catch (Exception e) when (e is not (ImplementationFault or ImplementationLostException))
            {
                throw new ImplementationFault($"queued work threw {e.GetType().Name}: {e.Message}");
            }
            _stepsUsed += env.StepsRun - before;
            if (!idle)
            {
                _neverIdle = true;
                Abort(RunOutcome.Timeout, $"queued work still running after {_stepBudget} scheduler steps");
                return false;
            }
            return true;
        }
        if (!_threaded!.WaitIdle(TimeSpan.FromSeconds(5)))
        {
            _neverIdle = true;
            Abort(RunOutcome.Timeout, "queued work still running after 5 s on the threaded environment");
            return false;
        }
        if (_threaded.Faults.FirstOrDefault() is { } fault) throw new ImplementationFault($"queued work threw {fault.GetType().Name}: {fault.Message}");
        PollTasks();
        return true;
    }

    private void FinalPhase()
    {
        _currentStep = _scenario.Steps.Length;
        Record(new FinalPhaseBegun());
        for (var round = 0; round < 32 && _outcome == RunOutcome.Completed; round++)
        {
            var before = _trace.Count;
            _client.RunDueWork(int.MaxValue);
            foreach (var page in _guest.NonResidentPages)
            {
                Record(new PageMadeResident { Page = page });
                Impl(Subject.PageResident, () => _guest.MakeResident(page));
            }
            RunWaitingControls();
            if (_paused && !_closed && !PauseInFlight)
            {
                Record(new ControlCalled { Call = Subject.Start, Statusless = true });
                _paused = false;
                Impl(Subject.Start, _channel.Start);
            }
            PushBacklog(polling: true);
            Drain();
            Settle(polling: true);
            if (_trace.Count == before) break;
        }
        if (_outcome != RunOutcome.Completed) return;
        Record(new ControlCalled { Call = Subject.Disable, Statusless = true });
        Track(Subject.Disable, Impl(Subject.Disable, _channel.Disable));
        Settle(polling: true);
        Drain();
        if (_outcome != RunOutcome.Completed) return;
        lock (_gate)
            if (_tasks.FirstOrDefault(t => !t.Task.IsCompleted) is { Task: not null } open)
            {
                _stalledOn = open.Name;
                Abort(RunOutcome.Timeout, $"{open.Name} never completed; {Owed()}");
            }
    }

    // What the channel still owed when a waiting control stalled, as the client saw it: the packet to look at first.
    private string Owed()
    {
        var owed = _packets.Where(p => p.Written && !p.Answered)
            .Select(p => p.Presentations == 0 ? $"packet {p.Index} written but never presented" : $"packet {p.Index} presented {p.Presentations} time(s), never answered")
            .ToList();
        if (owed.Count > 0) return string.Join("; ", owed);
        var answered = _packets.Where(p => p.Answered).Select(p => p.Index).ToList();
        return answered.Count == 0
            ? "no packet was owed"
            : $"the client had answered every packet it was shown (packet {string.Join(", ", answered)}); the channel still holds one of them";
    }

    /// <summary>An implementation threw outside the contract; unwinds the run.</summary>
    internal sealed class ImplementationFault(string message) : Exception(message);
}
