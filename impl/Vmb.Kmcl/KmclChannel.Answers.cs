using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

// What the client does with a packet handle. Each call decides under the lock; a rejected call
// changes nothing, is reported to the observer and raises ContractViolationException (D12).
public sealed partial class KmclChannel
{
    internal void Complete(PacketHandle handle, ReadOnlySpan<byte> completionBuffer)
    {
        bool signal;
        TaskCompletionSource? pauseDone;
        (string Id, string Detail)? violation;
        lock (_gate) violation = CompleteLocked(handle, completionBuffer, out signal, out pauseDone);
        if (violation is { } v) throw Misuse(v.Id, v.Detail);
        if (signal) _signalPeer();
        pauseDone?.TrySetResult();
    }

    private (string Id, string Detail)? CompleteLocked(PacketHandle handle, ReadOnlySpan<byte> completionBuffer, out bool signal, out TaskCompletionSource? pauseDone)
    {
        signal = false;
        pauseDone = null;
        if (AnswerViolationLocked(handle, "Complete") is { } violation) return violation;
        var d = handle.Record.Descriptor;
        if (d.CompletionRequested && !_completions.CanEverFit(completionBuffer.Length))
            throw new ArgumentException(
                $"a completion of {completionBuffer.Length} bytes can never fit the outgoing ring (largest packet total {_completions.LargestTotal})",
                nameof(completionBuffer));
        // A reply exactly when the sender asked for one, id 0 included (R-CMPL-4…6, D8); queued when full (R-CMPL-8).
        // Inline inside a drain the reply stays staged and the run publishes it with the others.
        signal = d.CompletionRequested && _completions.Send(d.TransactionId, completionBuffer, publish: _presentingThread != CurrentThread);
        pauseDone = AnswerLocked(handle);
        return null;
    }

    internal void Fail(PacketHandle handle)
    {
        (IntakeStopReason Reason, string? Rule, string Detail)? stopped = null;
        TaskCompletionSource? pauseDone = null;
        (string Id, string Detail)? violation;
        lock (_gate)
        {
            violation = AnswerViolationLocked(handle, "Fail");
            if (violation is null)
            {
                // No completion packet for a failed packet (our reading of R-FAIL-5, README).
                var r = handle.Record;
                stopped = StopForGoodLocked(IntakeStopReason.PacketFailed, null, $"the client failed packet #{r.Sequence} (transaction id {r.Descriptor.TransactionId})");
                pauseDone = AnswerLocked(handle);
            }
        }
        if (violation is { } v) throw Misuse(v.Id, v.Detail);
        if (stopped is { } s) _observer.IntakeStopped(s.Reason, s.Rule, s.Detail);
        pauseDone?.TrySetResult();
    }

    internal void DeferToPassive(PacketHandle handle)
    {
        string? violation = null, id = MisuseIds.DeferOutOfPlace;
        lock (_gate)
        {
            if (handle.State == PresentationState.Superseded) (id, violation) = (MisuseIds.StaleHandle, "DeferToPassive through a handle whose presentation was superseded");
            else if (handle.CallbackThread != CurrentThread) violation = "DeferToPassive outside the callback presenting the packet";
            else if (handle.State == PresentationState.Answered) violation = "DeferToPassive in the same callback call as Complete or Fail";
            else if (handle.Record.PendingPages is not null) violation = "DeferToPassive in the same callback call as a PENDING GetExternalData";
            // Not an answer (R-DEF-3); a second Defer in the same call changes nothing.
            if (violation is null) handle.Record.DeferRequested = true;
        }
        if (violation is not null) throw Misuse(id, violation);
    }

    internal int GetExternalData(PacketHandle handle, uint flags, out IExternalDataView? view)
    {
        (string Id, string Detail)? violation;
        int status;
        lock (_gate) status = GetExternalDataLocked(handle, flags, out view, out violation);
        if (violation is not { } v) return status;
        if (v.Id != MisuseIds.ExternalDataUnflagged) throw Misuse(v.Id, v.Detail);
        // Error status, no view, reported but not thrown (R-EXT-5, D4); the observer runs outside the lock.
        _observer.MisuseDetected(v.Id, v.Detail);
        return status;
    }

    private int GetExternalDataLocked(PacketHandle handle, uint flags, out IExternalDataView? view, out (string Id, string Detail)? violation)
    {
        view = null;
        violation = DeadHandleViolationLocked(handle, "GetExternalData");
        if (violation is not null) return NtStatus.InvalidParameter1;
        if ((flags & ~KmclFlags.ExternalDataDefinedMask) != 0) return NtStatus.InvalidParameter2; // R-EXT-6
        var record = handle.Record;
        if ((record.Flags & KmclFlags.ProcessPacketExternalData) == 0)
        {
            violation = (MisuseIds.ExternalDataUnflagged, $"GetExternalData on packet #{record.Sequence} (type 0x{record.Descriptor.Type:X}), which has no EXTERNAL_DATA flag");
            return NtStatus.InvalidParameter1;
        }
        var ranges = ResolveRangesLocked(record);
        // An unknown set, a range outside it, or a missing page: no view; the client still answers (R-EXT-11).
        if (ranges is null || ExternalRanges.FirstMissing(_memory, ranges) is not null) return NtStatus.InvalidParameter1;
        var waiting = ExternalRanges.NonResident(_memory, ranges);
        if (waiting.Length > 0)
        {
            if (handle.Record.DeferRequested)
            {
                violation = (MisuseIds.DeferOutOfPlace, "GetExternalData would return PENDING in the same callback call as DeferToPassive");
                return NtStatus.InvalidParameter1;
            }
            // No view; the packet comes back once resident (R-EXT-8, R-EXT-9).
            handle.Record.PendingPages = waiting;
            if (!handle.InCallback) SupersedeForResidencyLocked(handle);
            return NtStatus.Pending;
        }
        var created = new ExternalDataView(_memory, _observer, ranges, (flags & KmclFlags.ExternalDataReadOnly) != 0);
        record.Views.Add(created);
        view = created;
        return NtStatus.Success;
    }

    internal Memory<byte> GetClientContext(PacketHandle handle)
    {
        (string Id, string Detail)? violation;
        lock (_gate)
        {
            violation = DeadHandleViolationLocked(handle, "GetClientContext");
            if (violation is null) return handle.Record.ClientContext; // survives Defer and PENDING (R-CTX-4, our choice)
        }
        throw Misuse(violation.Value.Id, violation.Value.Detail);
    }

    /// <summary>PENDING from outside the callback (allowed, R-EXT-17 is a SHOULD): the next presentation follows residency.</summary>
    private void SupersedeForResidencyLocked(PacketHandle handle)
    {
        handle.State = PresentationState.Superseded;
        _awaitingResidency++;
        var record = handle.Record;
        var pages = handle.Record.PendingPages!;
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

    /// <summary>Marks the presentation answered and releases the packet (R-CMPL-3, R-FAIL-7, R-CMPL-11).</summary>
    private TaskCompletionSource? AnswerLocked(PacketHandle handle)
    {
        handle.State = PresentationState.Answered;
        _outstanding--;
        ReturnRecordLocked(handle.Record);
        // The pause may finish first: a Start that came meanwhile is due only then.
        var pauseDone = TakeFinishedPauseLocked();
        ScheduleLocked(); // an answer resumes a quota-stopped intake, a pending Started, Suspend or Closed
        return pauseDone;
    }

    private (string Id, string Detail)? AnswerViolationLocked(PacketHandle handle, string call)
    {
        if (handle.State == PresentationState.Answered) return (MisuseIds.SecondAnswer, $"{call} on a packet that was already answered");
        if (handle.State == PresentationState.Superseded) return (MisuseIds.StaleHandle, $"{call} through a handle whose presentation was superseded by Defer or PENDING");
        if (handle.Record.PendingPages is not null) return (MisuseIds.AnswerAfterPending, $"{call} in the callback call where GetExternalData returned PENDING");
        if (handle.Record.DeferRequested) return (MisuseIds.DeferOutOfPlace, $"{call} in the same callback call as DeferToPassive");
        return null;
    }

    private static (string Id, string Detail)? DeadHandleViolationLocked(PacketHandle handle, string call) => handle.State switch
    {
        PresentationState.Answered => (MisuseIds.StaleHandle, $"{call} through the handle of a packet that was already answered"),
        PresentationState.Superseded => (MisuseIds.StaleHandle, $"{call} through a handle whose presentation was superseded by Defer or PENDING"),
        _ => null,
    };
}
