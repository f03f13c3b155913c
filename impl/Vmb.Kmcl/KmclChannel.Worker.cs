using Vmb.Spec.Kmcl;

namespace Vmb.Kmcl;

// The serial worker: at most one work item per channel is queued or running. Whoever changes what is
// wanted calls ScheduleLocked(); a running worker re-decides after every job, so nothing is missed and
// no two callbacks of one channel ever run at once.
public sealed partial class KmclChannel
{
    private readonly Action _dispatchWork;
    private readonly Action _passiveWork;
    private bool _workerQueued;

    private void ScheduleLocked()
    {
        if (_workerQueued) return;
        if (NextStateActionLocked() != StateAction.None || (!CanDrainLocked(Irql.Dispatch) && CanDrainLocked(Irql.Passive)))
        {
            _workerQueued = true;
            _env.QueuePassive(_passiveWork);
        }
        else if (CanDrainLocked(Irql.Dispatch))
        {
            _workerQueued = true;
            _env.QueueDispatch(_dispatchWork);
        }
    }

    private void RunWorker()
    {
        var irql = _env.CurrentIrql;
        try
        {
            while (true)
            {
                StateAction action;
                bool drain;
                using (Enter())
                {
                    action = irql == Irql.Passive ? NextStateActionLocked() : StateAction.None;
                    // A Pause that arrives while Started is being delivered must not complete before the Suspend that follows it.
                    if (action == StateAction.Started) _startedRunning = true;
                    drain = action == StateAction.None && CanDrainLocked(irql);
                    if (action == StateAction.None && !drain)
                    {
                        _workerQueued = false;
                        ScheduleLocked(); // work that needs the other level
                        return;
                    }
                }
                if (action != StateAction.None) RunStateAction(action);
                else Drain(irql);
            }
        }
        catch
        {
            // A client callback threw: the channel stays consistent and the next worker picks up (the
            // exception surfaces in the environment, as a bug check would).
            TaskCompletionSource? pauseDone;
            using (Enter())
            {
                _workerQueued = false;
                if (!_stoppedForGood) _drainWanted = true; // the interrupted run may have left packets in the ring
                // A Started that threw was never delivered: a Pause waiting on it completes as it would have.
                _startedRunning = false;
                pauseDone = TakeFinishedPauseLocked();
                ScheduleLocked();
            }
            pauseDone?.TrySetResult();
            throw;
        }
    }

    /// <summary>True when a drain at <paramref name="irql"/> would present something or must report a ring it cannot use.</summary>
    private bool CanDrainLocked(Irql irql)
    {
        if (_passiveMode && irql != Irql.Passive) return false;
        if (!PresentationAllowedLocked) return false;
        if (_representations.TryPeek(out var next) && (!next.NeedsPassive || irql == Irql.Passive)) return true;
        return _drainWanted && IntakeEnabledLocked && _outstanding < _quota;
    }
}
