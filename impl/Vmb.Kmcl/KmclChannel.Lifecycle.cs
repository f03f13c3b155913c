using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

// Lifecycle, guest style (README "Lifecycle"): Disabled → (Enable) → Opened → Started ⇄ Suspended →
// Closed → Disabled. The public calls only record what is wanted; the worker delivers the state
// callbacks at PASSIVE_LEVEL (R-LIFE-19) in the order the wanted and delivered flags allow.
public sealed partial class KmclChannel
{
    private bool _enabled;          // Enable succeeded; false again after Closed or a failed Opened
    private bool _opened;           // Opened returned success
    private bool _startedDelivered; // Started returned and Suspend has not been delivered since (R-LIFE-18)
    private bool _postStartedDue;
    private bool _startedRunning;   // the worker is delivering Started: a Pause now waits for it and for Suspend (R-PAUSE-7)
    private bool _paused;           // the client's Pause, also recorded while Disabled (R-PAUSE-4)
    private bool _closeWanted;      // Disable or peer close
    private TaskCompletionSource? _pauseTask;
    private TaskCompletionSource? _disableTask;

    /// <inheritdoc />
    public int Enable()
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (_processPacket is null && _processPacketEx is null) return NtStatus.InvalidParameter1;
            _enabled = true;
            _opened = false;
            _startedDelivered = false;
            _postStartedDue = false;
            _closeWanted = false;
            // Returns at once; Opened and the rest follow on the worker (R-LIFE-4).
            ScheduleLocked();
            return NtStatus.Success;
        }
    }

    /// <inheritdoc />
    public Task Pause()
    {
        TaskCompletionSource? done;
        Task task;
        using (Enter())
        {
            if (_presentingThread == CurrentThread) return Task.FromException(BlockingCallMisuse(nameof(Pause)));
            _paused = true;
            if (!_enabled) return Task.CompletedTask; // comes up paused when enabled (R-PAUSE-4)
            _pauseTask ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = _pauseTask.Task;
            done = TakeFinishedPauseLocked();
            ScheduleLocked();
        }
        done?.TrySetResult();
        return task;
    }

    /// <inheritdoc />
    public void Start()
    {
        using (Enter())
        {
            if (!_paused) return;
            _paused = false;
            // Started, intake, PostStarted, then a drain (R-PAUSE-7); after a Pause still in progress.
            if (_enabled) ScheduleLocked();
        }
    }

    /// <inheritdoc />
    public Task Disable()
    {
        Task task;
        using (Enter())
        {
            if (_presentingThread == CurrentThread) return Task.FromException(BlockingCallMisuse(nameof(Disable)));
            if (!_enabled) return Task.CompletedTask;
            _closeWanted = true;
            _disableTask ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = _disableTask.Task;
            ScheduleLocked();
        }
        return task;
    }

    /// <inheritdoc />
    public void NotifyPeerClosed()
    {
        using (Enter())
        {
            if (!_enabled) return;
            // Suspend, wait for outstanding answers, Closed; the guest channel is then Disabled (D19, R-LIFE-15).
            _closeWanted = true;
            ScheduleLocked();
        }
    }

    private ContractViolationException BlockingCallMisuse(string call) =>
        Misuse(MisuseIds.BlockingCallInCallback, $"{call} called from inside a ProcessPacket callback; it would wait for that packet");

    private enum StateAction { None, Open, AbandonOpen, Started, PostStarted, Suspend, Closed }

    /// <summary>The state callback due now, if any. Pure: decides, changes nothing.</summary>
    private StateAction NextStateActionLocked()
    {
        if (!_enabled) return StateAction.None;
        if (!_opened) return _closeWanted ? StateAction.AbandonOpen : StateAction.Open;
        if (_postStartedDue) return StateAction.PostStarted;
        if (_startedDelivered)
        {
            // Suspend waits for re-presentations already owed, so no packet is stranded behind it.
            var stopping = _paused || _closeWanted || _pauseTask is not null;
            return stopping && _representations.Count == 0 && _awaitingResidency == 0 ? StateAction.Suspend : StateAction.None;
        }
        if (_closeWanted) return _outstanding == 0 ? StateAction.Closed : StateAction.None;
        if (!_paused && _pauseTask is null) return StateAction.Started;
        return StateAction.None;
    }

    private void RunStateAction(StateAction action)
    {
        var callbacks = _stateCallbacks;
        TaskCompletionSource? pauseDone = null, disableDone = null;
        switch (action)
        {
            case StateAction.Open:
                var status = callbacks.Opened?.Invoke(this) ?? NtStatus.Success;
                using (Enter())
                {
                    if (NtStatus.IsSuccess(status)) _opened = true;
                    else
                    {
                        // A failed Opened rolls back to Disabled with no traffic (R-LIFE-5).
                        ResetToDisabledLocked();
                        (pauseDone, disableDone) = (TakeFinishedPauseLocked(), TakeDisableLocked());
                    }
                }
                break;
            case StateAction.AbandonOpen:
                using (Enter())
                {
                    ResetToDisabledLocked();
                    (pauseDone, disableDone) = (TakeFinishedPauseLocked(), TakeDisableLocked());
                }
                break;
            case StateAction.Started:
                callbacks.Started?.Invoke(this);
                using (Enter())
                {
                    _startedRunning = false;
                    _startedDelivered = true; // intake is enabled from here (R-LIFE-7, R-LIFE-8)
                    _postStartedDue = true;
                }
                break;
            case StateAction.PostStarted:
                callbacks.PostStarted?.Invoke(this);
                using (Enter())
                {
                    _postStartedDue = false;
                    _drainWanted = true; // packets that waited in the ring come now (R-PAUSE-7, R-PAUSE-8)
                }
                break;
            case StateAction.Suspend:
                callbacks.Suspend?.Invoke(this);
                using (Enter())
                {
                    _startedDelivered = false;
                    pauseDone = TakeFinishedPauseLocked();
                }
                break;
            case StateAction.Closed:
                callbacks.Closed?.Invoke(this);
                using (Enter())
                {
                    ResetToDisabledLocked();
                    (pauseDone, disableDone) = (TakeFinishedPauseLocked(), TakeDisableLocked());
                }
                break;
        }
        pauseDone?.TrySetResult();
        disableDone?.TrySetResult();
    }

    private void ResetToDisabledLocked()
    {
        _enabled = false;
        _opened = false;
        _startedDelivered = false;
        _postStartedDue = false;
        _closeWanted = false;
        _drainWanted = false;
    }

    /// <summary>The Pause task, when the channel is now paused: Suspend delivered (or never started) and nothing outstanding (R-PAUSE-3).</summary>
    private TaskCompletionSource? TakeFinishedPauseLocked()
    {
        if (_pauseTask is null || _startedDelivered || _startedRunning || _postStartedDue || _outstanding != 0) return null;
        var done = _pauseTask;
        _pauseTask = null;
        return done;
    }

    private TaskCompletionSource? TakeDisableLocked()
    {
        if (_disableTask is null || _enabled) return null;
        var done = _disableTask;
        _disableTask = null;
        return done;
    }
}
