using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Vmb.Kmcl;

// The common case without the lock: the client completes the packet inside the callback presenting it, and
// nothing else was called through its handle. The answer is claimed with one compare-and-swap and carried
// out (outstanding count, reply, slot) by the next critical section of any thread, so every critical
// section sees it as if Complete had taken the lock itself. The drain takes the lock right after the
// callback returns, so the answer is carried out before the next packet is picked.
public sealed partial class KmclChannel
{
    private PacketRecord? _inCallback; // the record whose presentation's callback runs now, until settled

    /// <summary>Enters the lock and carries out an answer given inline meanwhile; every critical section starts here.</summary>
    private ChannelGate.Scope Enter()
    {
        var scope = _gate.Enter();
        if (_inCallback is { } record && Volatile.Read(ref record.Claim) == InlineClaim.Answered) CarryOutOnEntry(scope);
        return scope;
    }

    // Whatever the carrying out throws (a ring under test may), the lock is left.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CarryOutOnEntry(ChannelGate.Scope scope)
    {
        try { CarryOutInlineAnswerLocked(); }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>True when the Complete was taken without the lock; false sends it down the checked path.</summary>
    private bool TryCompleteInline(ulong token, ReadOnlySpan<byte> completionBuffer)
    {
        // Only the presenting thread can pass these reads: it wrote the record's token and callback thread itself,
        // and no other thread ever writes its id there. A stale record fails the token or the claim.
        var record = _inCallback;
        if (record is null || record.Token != token || record.Ledger.CallbackThread != CurrentThread) return false;
        // Answered is set only by this thread, so Open here means the reply copy is not in use.
        if (Volatile.Read(ref record.Claim) != InlineClaim.Open) return false;
        if (record.Descriptor.CompletionRequested)
        {
            if (!_completions.CanEverFit(completionBuffer.Length)) return false; // the checked path throws
            record.KeepInlineReply(completionBuffer);
        }
        return Interlocked.CompareExchange(ref record.Claim, InlineClaim.Answered, InlineClaim.Open) == InlineClaim.Open;
    }

    /// <summary>
    /// Closes the fast path of the presentation in its callback before a call through its handle decides under
    /// the lock; false when an inline Complete won, which is then carried out (the handle is answered).
    /// </summary>
    private bool CloseInlineLocked(PacketRecord record)
    {
        if (record != _inCallback) return true;
        if (Interlocked.CompareExchange(ref record.Claim, InlineClaim.Closed, InlineClaim.Open) != InlineClaim.Answered) return true;
        CarryOutInlineAnswerLocked();
        return false;
    }

    private void CarryOutInlineAnswerLocked()
    {
        var record = _inCallback;
        if (record is null || Volatile.Read(ref record.Claim) != InlineClaim.Answered) return;
        _inCallback = null;
        var d = record.Descriptor;
        // Staged like any inline reply; the run publishes it (R-RING-11). Written before any later answer's reply, so order holds (R-CMPL-8).
        if (d.CompletionRequested) _completions.Send(d.TransactionId, record.InlineReply, publish: false);
        var pauseDone = AnswerLocked(record);
        // A Pause cannot finish here: Suspend comes from the worker, which is this packet's drain (R-SYNC-4).
        Debug.Assert(pauseDone is null, "a pause finished while a packet was in its callback");
    }
}
