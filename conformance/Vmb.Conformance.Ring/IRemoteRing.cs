using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings;

/// <summary>
/// A ring implementation that runs elsewhere (another process) and so cannot see memory the harness allocates for
/// itself. The ring level asks it for each scenario's ring memory instead of allocating it, and disposes the session
/// when the scenario ends. The harness still writes every byte the peer writes and reads every byte it judges (D28):
/// the memory is only where the ring lives. Calls into a remote ring may throw
/// <see cref="Vmb.Conformance.Engine.ImplementationLostException"/>, which ends the scenario with a timeout, crash or
/// harness-error ending, and <see cref="UnsupportedRingOperationException"/> for a packet the code cannot write.
/// </summary>
public interface IRemoteRing : IRingImplementation
{
    /// <summary>
    /// Zeroed memory of <paramref name="regionSize"/> bytes (control page + data area) the implementation can reach,
    /// for one scenario; the next <see cref="IRingImplementation.CreateWriter"/> or
    /// <see cref="IRingImplementation.CreateReader"/> is given its <see cref="IRingSession.Region"/>.
    /// </summary>
    IRingSession Open(int regionSize);
}

/// <summary>One scenario's ring memory at a remote ring; disposing it detaches the implementation and frees the memory.</summary>
public interface IRingSession : IDisposable
{
    /// <summary>The ring region, mapped in the harness.</summary>
    MemoryRegion Region { get; }

    /// <summary>What the implementation printed while this session was open (its diagnostic stream), or null.</summary>
    string? Diagnostics { get; }
}

/// <summary>A session whose waits for the implementation's answers can do the harness's work meanwhile.</summary>
internal interface IWaitingRingSession : IRingSession
{
    /// <summary>
    /// Asks the session to call <paramref name="work"/> on the harness's thread between its looks at the implementation's
    /// answer, whenever it waits for one, until it is called again with null. Its argument is true once the
    /// implementation has taken the request and works on it; it returns false when it had nothing to do, and the wait then
    /// idles as usual. The ring level gives an adversarial probe's mutator this way (D15), so the bytes move while the
    /// remote reader reads without a thread of its own competing for the cores. False when the session's waits cannot run
    /// it (they block); the ring level then switches the bytes with a thread of its own.
    /// </summary>
    bool WorkWhileWaiting(Func<bool, bool>? work);
}

/// <summary>The implementation answered that it cannot perform an operation of this shape (e.g. write a packet type it has no code for).</summary>
public sealed class UnsupportedRingOperationException(string message) : Exception(message);
