using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

// What the client does with a packet handle. Each call resolves the handle's token and decides under the
// lock; a rejected call changes nothing, is reported to the observer and raises ContractViolationException (D12).
public sealed partial class KmclChannel
{
    internal void Complete(ulong token, ReadOnlySpan<byte> completionBuffer)
    {
        if (TryCompleteInline(token, completionBuffer)) return;
        bool signal;
        TaskCompletionSource? pauseDone;
        (string Id, string Detail)? violation;
        using (Enter()) violation = CompleteLocked(token, completionBuffer, out signal, out pauseDone);
        if (violation is { } v) throw Misuse(v.Id, v.Detail);
        if (signal) _signalPeer();
        pauseDone?.TrySetResult();
    }

    private (string Id, string Detail)? CompleteLocked(ulong token, ReadOnlySpan<byte> completionBuffer, out bool signal, out TaskCompletionSource? pauseDone)
    {
        signal = false;
        pauseDone = null;
        if (AnswerViolationLocked(token, "Complete", out var record) is { } violation) return violation;
        var d = record!.Descriptor;
        if (d.CompletionRequested && !_completions.CanEverFit(completionBuffer.Length))
            throw new ArgumentException(
                $"a completion of {completionBuffer.Length} bytes can never fit the outgoing ring (largest packet total {_completions.LargestTotal})",
                nameof(completionBuffer));
        // A reply exactly when the sender asked for one, id 0 included (R-CMPL-4…6, D8); queued when full (R-CMPL-8).
        // Inline inside a drain the reply stays staged and the run publishes it with the others.
        signal = d.CompletionRequested && _completions.Send(d.TransactionId, completionBuffer, publish: _presentingThread != CurrentThread);
        pauseDone = AnswerLocked(record);
        return null;
    }

    internal void Fail(ulong token)
    {
        (IntakeStopReason Reason, string? Rule, string Detail)? stopped = null;
        TaskCompletionSource? pauseDone = null;
        (string Id, string Detail)? violation;
        using (Enter())
        {
            violation = AnswerViolationLocked(token, "Fail", out var record);
            if (violation is null)
            {
                // No completion packet for a failed packet (our reading of R-FAIL-5, README).
                var r = record!;
                stopped = StopForGoodLocked(IntakeStopReason.PacketFailed, null, $"the client failed packet #{r.Sequence} (transaction id {r.Descriptor.TransactionId})");
                pauseDone = AnswerLocked(r);
            }
        }
        if (violation is { } v) throw Misuse(v.Id, v.Detail);
        if (stopped is { } s) _observer.IntakeStopped(s.Reason, s.Rule, s.Detail);
        pauseDone?.TrySetResult();
    }

    internal void DeferToPassive(ulong token)
    {
        string? violation = null, id = MisuseIds.DeferOutOfPlace;
        using (Enter())
        {
            var standing = StandingLocked(token, out var record, out var inItsCallback);
            if (standing is HandleStanding.Superseded or HandleStanding.Unknown) (id, violation) = (MisuseIds.StaleHandle, $"DeferToPassive through {Describe(standing)}");
            else if (!inItsCallback) violation = "DeferToPassive outside the callback presenting the packet";
            else if (record is null) violation = "DeferToPassive in the same callback call as Complete or Fail";
            else if (record.PendingPages is not null) violation = "DeferToPassive in the same callback call as a PENDING GetExternalData";
            // Not an answer (R-DEF-3); a second Defer in the same call changes nothing.
            if (violation is null) record!.DeferRequested = true;
        }
        if (violation is not null) throw Misuse(id, violation);
    }

    internal int GetExternalData(ulong token, uint flags, out IExternalDataView? view)
    {
        (string Id, string Detail)? violation;
        int status;
        using (Enter()) status = GetExternalDataLocked(token, flags, out view, out violation);
        if (violation is not { } v) return status;
        if (v.Id != MisuseIds.ExternalDataUnflagged) throw Misuse(v.Id, v.Detail);
        // Error status, no view, reported but not thrown (R-EXT-5, D4); the observer runs outside the lock.
        _observer.MisuseDetected(v.Id, v.Detail);
        return status;
    }

    private int GetExternalDataLocked(ulong token, uint flags, out IExternalDataView? view, out (string Id, string Detail)? violation)
    {
        view = null;
        violation = DeadHandleViolationLocked(token, "GetExternalData", out var live);
        if (violation is not null) return NtStatus.InvalidParameter1;
        if ((flags & ~KmclFlags.ExternalDataDefinedMask) != 0) return NtStatus.InvalidParameter2; // R-EXT-6
        var record = live!;
        if ((record.Flags & KmclFlags.ProcessPacketExternalData) == 0)
        {
            violation = (MisuseIds.ExternalDataUnflagged, $"GetExternalData on packet #{record.Sequence} (type 0x{record.Descriptor.Type:X}), which has no EXTERNAL_DATA flag");
            return NtStatus.InvalidParameter1;
        }
        var ranges = ResolveRangesLocked(record);
        // An unknown set, a range outside it, or a missing page: no view; the client still answers (R-EXT-11).
        if (ranges is null) return NtStatus.InvalidParameter1;
        var waiting = ExternalRanges.NonResident(_memory, ranges, out var missing);
        if (missing) return NtStatus.InvalidParameter1;
        if (waiting.Length > 0)
        {
            if (record.DeferRequested)
            {
                violation = (MisuseIds.DeferOutOfPlace, "GetExternalData would return PENDING in the same callback call as DeferToPassive");
                return NtStatus.InvalidParameter1;
            }
            // No view; the packet comes back once resident (R-EXT-8, R-EXT-9).
            record.PendingPages = waiting;
            if (!record.Ledger.InCallback) SupersedeForResidencyLocked(record);
            return NtStatus.Pending;
        }
        var created = new ExternalDataView(_memory, _observer, ranges, (flags & KmclFlags.ExternalDataReadOnly) != 0);
        record.Views.Add(created);
        view = created;
        return NtStatus.Success;
    }

    internal Memory<byte> GetClientContext(ulong token)
    {
        (string Id, string Detail)? violation;
        using (Enter())
        {
            violation = DeadHandleViolationLocked(token, "GetClientContext", out var live);
            if (violation is null) return live!.ClientContext; // survives Defer and PENDING (R-CTX-4, our choice)
        }
        throw Misuse(violation.Value.Id, violation.Value.Detail);
    }

    /// <summary>PENDING from outside the callback (allowed, R-EXT-17 is a SHOULD): the next presentation follows residency.</summary>
    private void SupersedeForResidencyLocked(PacketRecord record)
    {
        record.Ledger.End(HandleStanding.Superseded);
        _awaitingResidency++;
        var pages = record.PendingPages!;
        // Residency callbacks may fire synchronously; they take the lock, so register from a work item.
        _env.QueuePassive(() => AwaitResidency(record, pages));
    }

    private GpaRange[]? ResolveRangesLocked(PacketRecord record)
    {
        var packet = record.Bytes.AsSpan(0, record.Descriptor.Length);
        if (record.Descriptor.Type == (ushort)PacketType.GpaDirect) return ExternalRanges.ReadGpaDirect(packet);
        var setId = RangeHeaders.ReadPageSetId(packet[RangeHeaders.TypeHeaderOffset..]);
        return _transferPageSets.TryGetValue(setId, out var set) ? ExternalRanges.ReadTransferPages(packet, set, out _) : null;
    }

    /// <summary>
    /// Marks the presentation answered and releases the packet (R-CMPL-3, R-FAIL-7, R-CMPL-11). The slot may
    /// carry the next packet at once; the answered token stays recognisable through the slot's ledger.
    /// </summary>
    private TaskCompletionSource? AnswerLocked(PacketRecord record)
    {
        record.Ledger.End(HandleStanding.Answered);
        _outstanding--;
        ReturnRecordLocked(record);
        // The pause may finish first: a Start that came meanwhile is due only then.
        var pauseDone = TakeFinishedPauseLocked();
        ScheduleLocked(); // an answer resumes a quota-stopped intake, a pending Started, Suspend or Closed
        return pauseDone;
    }

    /// <summary>Null when <paramref name="token"/> may answer now, with its record in <paramref name="live"/>; else the breach.</summary>
    private (string Id, string Detail)? AnswerViolationLocked(ulong token, string call, out PacketRecord? live)
    {
        var standing = StandingLocked(token, out live, out _);
        if (standing is HandleStanding.Answered or HandleStanding.Forgotten) return (MisuseIds.SecondAnswer, $"{call} through {Describe(standing)}");
        if (standing != HandleStanding.Live) return (MisuseIds.StaleHandle, $"{call} through {Describe(standing)}");
        if (live!.PendingPages is not null) return (MisuseIds.AnswerAfterPending, $"{call} in the callback call where GetExternalData returned PENDING");
        if (live.DeferRequested) return (MisuseIds.DeferOutOfPlace, $"{call} in the same callback call as DeferToPassive");
        return null;
    }

    /// <summary>Null when <paramref name="token"/> names the live presentation, with its record in <paramref name="live"/>; else the breach.</summary>
    private (string Id, string Detail)? DeadHandleViolationLocked(ulong token, string call, out PacketRecord? live)
    {
        var standing = StandingLocked(token, out live, out _);
        return standing == HandleStanding.Live ? null : (MisuseIds.StaleHandle, $"{call} through {Describe(standing)}");
    }

    private static string Describe(HandleStanding standing) => standing switch
    {
        HandleStanding.Answered => "the handle of a packet that was already answered",
        HandleStanding.Superseded => "a handle whose presentation was superseded by Defer or PENDING",
        HandleStanding.Forgotten => $"a handle more than {PresentationLedger.Depth} presentations of its slot old, taken as answered",
        _ => "a handle this channel never issued",
    };
}
