using Vmb.Spec.Memory;

namespace Vmb.Conformance.Driver;

/// <summary>
/// One scenario's two rings: native memory of the harness's, or memory a remote channel lends (<see cref="IRemoteChannel"/>).
/// Closing it releases the remote channel's session; its diagnostics stay readable afterwards.
/// </summary>
internal sealed class ScenarioMemory(IRemoteChannel? remote, int incomingSize, int outgoingSize) : IDisposable
{
    private NativeBuffer? _incoming;
    private NativeBuffer? _outgoing;
    private IChannelSession? _session;

    public string? Diagnostics { get; private set; }

    public (MemoryRegion Incoming, MemoryRegion Outgoing) Open()
    {
        if (remote is not null)
        {
            _session = remote.Open(incomingSize, outgoingSize);
            return (_session.IncomingRing, _session.OutgoingRing);
        }
        _incoming = new NativeBuffer(incomingSize);
        _outgoing = new NativeBuffer(outgoingSize);
        return (_incoming.Region, _outgoing.Region);
    }

    /// <summary>Ends a remote session (the channel is released) and keeps what it printed.</summary>
    public void Close()
    {
        if (_session is not { } session) return;
        _session = null;
        session.Dispose();
        Diagnostics = session.Diagnostics;
    }

    public void Dispose()
    {
        Close();
        _incoming?.Dispose();
        _outgoing?.Dispose();
    }
}
