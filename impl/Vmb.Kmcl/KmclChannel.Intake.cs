using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl;

// Intake: reading the incoming ring and presenting packets, one run per Drain call.
public sealed partial class KmclChannel
{
    private int _outstanding;
    private bool _drainWanted;
    private bool _stoppedForGood;
    private int _presentingThread;
    private int _staged;     // packets consumed since the read index was last published
    private long _sequence;

    private bool PresentationAllowedLocked => _startedDelivered && !_stoppedForGood;

    private bool IntakeEnabledLocked =>
        _startedDelivered && !_paused && !_closeWanted && _pauseTask is null && !_stoppedForGood;

    /// <inheritdoc />
    public void Signal()
    {
        bool signal;
        using (Enter())
        {
            // A doorbell means new data or room on the outgoing ring (R-SIG-10: only a hint).
            signal = _completions.Flush();
            if (!_stoppedForGood) _drainWanted = true;
            ScheduleLocked();
        }
        if (signal) _signalPeer();
    }

    private enum Next { Present, NonData, Stop, Done, Settled }

    /// <summary>One delivery run: presents until nothing more may be presented, then ProcessingComplete (R-PP-18).</summary>
    private void Drain(Irql irql)
    {
        uint presented = 0;
        var signalPeer = false;
        (IntakeStopReason Reason, string? Rule, string Detail)? stopped = null;
        PacketRecord? returned = null; // presented, its callback returned, not yet settled
        using (Enter())
        {
            _drainWanted = false;
            _reader?.MaskInterrupts();
        }
        try
        {
            while (true)
            {
                PacketRecord? record = null;
                var handle = default(VmbPacket);
                Next next;
                var nonData = default(PacketDescriptor);
                ulong[]? waitFor = null;
                // One lock per packet: settle the previous presentation and pick the next one together.
                using (Enter())
                {
                    if (returned is not null) waitFor = SettleLocked(returned);
                    if (waitFor is not null) next = Next.Settled;
                    else
                    {
                        returned = null;
                        next = NextPacketLocked(irql, ref record, ref nonData, ref signalPeer, ref stopped);
                        if (next == Next.Present) handle = IssueLocked(record!);
                    }
                }
                if (next == Next.Settled)
                {
                    AwaitResidency(returned!, waitFor!);
                    returned = null;
                    continue;
                }
                if (next == Next.Done || next == Next.Stop) break;
                if (next == Next.NonData)
                {
                    _observer.NonDataPacketConsumed((PacketType)nonData.Type, nonData.TransactionId);
                    continue;
                }
                presented++;
                returned = record;
                Present(record!, handle);
            }
        }
        finally
        {
            ulong[]? waitFor = null;
            using (Enter())
            {
                // Reached with an unsettled presentation only when a client callback threw.
                if (returned is not null) waitFor = SettleLocked(returned);
                signalPeer |= PublishReadIndexLocked();
                signalPeer |= _completions.Publish();
                // R-SIG-3: the peer does not signal while the mask is set, so data that arrived meanwhile
                // is found here, by the last look after unmasking, and gets another run.
                if (_reader is not null && _reader.UnmaskInterrupts() && IntakeEnabledLocked) _drainWanted = true;
            }
            if (waitFor is not null) AwaitResidency(returned!, waitFor);
        }
        if (signalPeer) _signalPeer();
        if (stopped is { } s) _observer.IntakeStopped(s.Reason, s.Rule, s.Detail);
        // After the run's last ProcessPacket returned (R-SYNC-3), whatever ended the run (R-PP-18, R-PP-19).
        if (presented > 0) ProcessingComplete(presented);
    }

    private Next NextPacketLocked(Irql irql, ref PacketRecord? record, ref PacketDescriptor nonData, ref bool signalPeer,
        ref (IntakeStopReason, string?, string)? stopped)
    {
        if (_passiveMode && irql != Irql.Passive) { _drainWanted = true; return Next.Done; }
        if (!PresentationAllowedLocked) return Next.Done;
        if (_representations.TryPeek(out var again) && (!again.NeedsPassive || irql == Irql.Passive))
        {
            // A deferred or pending packet again: same bytes, still outstanding, not new for the quota (D7).
            record = _representations.Dequeue();
            return Next.Present;
        }
        if (!IntakeEnabledLocked) return Next.Done;
        if (_outstanding >= _quota) { _drainWanted = true; return Next.Done; } // resumes on an answer (R-QUO-2, R-CMPL-11)
        if (_reader is null)
        {
            stopped = StopForGoodLocked(IntakeStopReason.MalformedRing, _attachError!.RuleId, _attachError.ToString());
            return Next.Stop;
        }
        var rec = RentRecordLocked();
        var status = _reader.TryRead(rec.Bytes, out var packet, out var error, out var required);
        while (status == RingReadStatus.BufferTooSmall)
        {
            rec.EnsureCapacity(required);
            status = _reader.TryRead(rec.Bytes, out packet, out error, out required);
        }
        if (status != RingReadStatus.Packet) return NothingReadLocked(rec, status, error, ref stopped);
        _staged++;
        var d = packet.Descriptor;
        rec.Descriptor = d;
        if (!PacketTypes.IsData((PacketType)d.Type)) return NonDataLocked(rec, packet, ref nonData, ref signalPeer, ref stopped);
        if (PacketFraming.Frame(rec, d, _options.Profile, _options.TransferPagesAreExternalData) is { } unfit)
            return UnfitLocked(rec, unfit, packet, ref signalPeer, ref stopped);
        rec.PrepareContext(_clientContextSize);
        rec.Sequence = ++_sequence;
        _outstanding++;
        record = rec;
        signalPeer |= PublishBatchLocked();
        return Next.Present;
    }

    private void Present(PacketRecord r, VmbPacket handle)
    {
        if (_processPacketEx is { } ex) ex(this, _callbackContext, handle, r.Buffer, (uint)r.BufferLength, r.Flags);
        else _processPacket!(this, handle, r.Buffer, (uint)r.BufferLength, r.Flags);
    }

    private void ProcessingComplete(uint presented)
    {
        if (_processingCompleteEx is { } ex) ex(this, _callbackContext, presented);
        else _processingComplete?.Invoke(this, presented);
    }

    /// <summary>Publishes the read index, and the replies written inline, every ReadCommitBatch packets of a long run (R-RING-11).</summary>
    private bool PublishBatchLocked() => _staged >= _options.ReadCommitBatch && PublishReadIndexLocked() | _completions.Publish();

    private bool PublishReadIndexLocked()
    {
        if (_staged == 0 || _reader is null) return false;
        _staged = 0;
        _reader.Commit();
        return _doorbell.Take();
    }

    /// <summary>
    /// Un-consumes the packet just read, which the channel rejects, so the read index never passes a packet
    /// that was not handed on (R-MAL-9): the reader can only revert a whole batch, so the batch is reverted
    /// and the packets before the rejected one are consumed again.
    /// </summary>
    private bool AbandonLastPacketLocked()
    {
        var keep = _staged - 1;
        _reader!.Revert();
        _staged = 0;
        var skip = RentRecordLocked();
        for (var i = 0; i < keep; i++)
        {
            var status = _reader.TryRead(skip.Bytes, out _, out _, out var required);
            if (status == RingReadStatus.BufferTooSmall) { skip.EnsureCapacity(required); i--; continue; }
            if (status != RingReadStatus.Packet) break;
            _staged++;
        }
        _pool.Push(skip);
        return PublishReadIndexLocked();
    }
}
