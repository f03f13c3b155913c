using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Driver;

/// <summary>
/// A channel implementation that runs elsewhere (another process) and so cannot see memory the harness allocates for
/// itself. The channel level asks it for each scenario's ring memory instead, and disposes the session when the
/// scenario ends. The harness still plays the opposite endpoint on that memory and judges what it reads there (D28).
/// Calls into a remote channel may throw <see cref="Vmb.Conformance.Engine.ImplementationLostException"/>, which ends the
/// scenario with a timeout, crash or harness-error ending; everything recorded before is judged (D24).
/// </summary>
public interface IRemoteChannel : IChannelImplementation
{
    /// <summary>Zeroed memory for the incoming and the outgoing ring (each control page + data area) that the implementation can reach.</summary>
    IChannelSession Open(int incomingRegionSize, int outgoingRegionSize);
}

/// <summary>One scenario's memory at a remote channel; disposing it releases the channel and frees the memory.</summary>
public interface IChannelSession : IDisposable
{
    /// <summary>The incoming ring region, mapped in the harness.</summary>
    MemoryRegion IncomingRing { get; }

    /// <summary>The outgoing ring region, mapped in the harness.</summary>
    MemoryRegion OutgoingRing { get; }

    /// <summary>What the implementation printed while this session was open (its diagnostic streams), or null.</summary>
    string? Diagnostics { get; }
}
