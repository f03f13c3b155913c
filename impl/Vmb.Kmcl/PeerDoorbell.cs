namespace Vmb.Kmcl;

/// <summary>
/// Collects the ring's signal decisions (D25: the ring rings its doorbell inside the operation that decided) so the
/// channel can signal the peer once, after it has left its lock, exactly as it did when Commit returned the decision.
/// Thread-safe: completions may be published from a client thread while intake runs on another.
/// </summary>
internal sealed class PeerDoorbell
{
    private int _rung;

    /// <summary>Given to the ring as its doorbell.</summary>
    public void Ring() => Volatile.Write(ref _rung, 1);

    /// <summary>True when the ring asked for a signal since the last call; clears the request.</summary>
    public bool Take() => Interlocked.Exchange(ref _rung, 0) != 0;
}
