namespace Vmb.Kmcl;

/// <summary>
/// The states of <see cref="PacketRecord.Claim"/> for the presentation whose callback runs now. The one
/// compare-and-swap from <see cref="Open"/> decides between an answer given inline without the lock and
/// every other call through the handle, which takes the lock: exactly one of them wins, so a second answer,
/// a PENDING or a view can never slip past an inline Complete (R-MIS-1, R-MIS-7, R-CMPL-3).
/// </summary>
internal static class InlineClaim
{
    /// <summary>Nothing was called through the handle yet: an inline Complete may take the fast path.</summary>
    public const int Open = 0;

    /// <summary>Completed inline; the channel carries the answer out at its next critical section.</summary>
    public const int Answered = 1;

    /// <summary>Some call took the lock for this presentation: every later call goes through the lock too.</summary>
    public const int Closed = 2;
}
