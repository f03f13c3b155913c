using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

// A packet between its presentations: settling a presentation, waiting for residency, re-presentation,
// and dropping when intake stops for good.
public sealed partial class KmclChannel
{
    private readonly Queue<PacketRecord> _representations = new();
    private int _awaitingResidency;

    /// <summary>
    /// Settles a presentation once its callback returned: a Defer or PENDING hands the packet to its next
    /// presentation, under a new token. Returns the pages to wait for (registered outside the lock), or null.
    /// Nothing presents from the record's slot meanwhile, so its latest presentation is the one that returned.
    /// </summary>
    private ulong[]? SettleLocked(PacketRecord record)
    {
        var ledger = record.Ledger;
        ledger.CallbackThread = 0;
        _presentingThread = 0;
        _inCallback = null; // an inline answer was carried out on entering the lock; later answers take the lock
        if (ledger.Latest != HandleStanding.Live) return null;
        if (record.DeferRequested)
        {
            ledger.End(HandleStanding.Superseded);
            record.NeedsPassive = true; // presented again at PASSIVE_LEVEL (R-DEF-1)
            RequeueLocked(record);
            return null;
        }
        if (record.PendingPages is not { } pages) return null;
        ledger.End(HandleStanding.Superseded);
        _awaitingResidency++;
        return pages;
    }

    /// <summary>Presents the packet again once every page is resident (R-EXT-9); the IRQL of that presentation may differ.</summary>
    private void AwaitResidency(PacketRecord record, ulong[] pages)
    {
        var remaining = pages.Length;
        foreach (var page in pages)
        {
            _memory.WhenResident(page, () =>
            {
                if (Interlocked.Decrement(ref remaining) != 0) return;
                TaskCompletionSource? pauseDone;
                using (Enter())
                {
                    _awaitingResidency--;
                    record.NeedsPassive = false;
                    RequeueLocked(record);
                    pauseDone = TakeFinishedPauseLocked(); // when the channel stopped meanwhile, the packet was dropped
                    ScheduleLocked();
                }
                pauseDone?.TrySetResult();
            });
        }
    }

    private void RequeueLocked(PacketRecord record)
    {
        if (_stoppedForGood) DropLocked(record);
        else _representations.Enqueue(record);
    }

    /// <summary>
    /// Intake stops for good (R-FAIL-2, R-MAL-9, D10). Packets waiting for a re-presentation can never be
    /// answered now (their tokens are stale), so they are dropped without a completion.
    /// </summary>
    private (IntakeStopReason, string?, string)? StopForGoodLocked(IntakeStopReason reason, string? rule, string detail)
    {
        if (_stoppedForGood) return null;
        _stoppedForGood = true;
        _drainWanted = false;
        while (_representations.TryDequeue(out var stranded)) DropLocked(stranded);
        return (reason, rule, detail);
    }

    private void DropLocked(PacketRecord record)
    {
        _outstanding--;
        ReturnRecordLocked(record);
    }
}
