using Vmb.Spec.Environment;
using Vmb.Spec.Memory;

namespace Vmb.Spec.Spi;

/// <summary>Everything the harness hands an implementation when it allocates a channel.</summary>
public sealed class ChannelSetup
{
    /// <summary>The ring the opposite endpoint writes and the channel reads: control page, then data area.</summary>
    public required MemoryRegion IncomingRing { get; init; }

    /// <summary>The ring the channel writes (completions) and the opposite endpoint reads.</summary>
    public required MemoryRegion OutgoingRing { get; init; }

    /// <summary>Guest memory holding external data.</summary>
    public required IGuestMemory GuestMemory { get; init; }

    /// <summary>IRQL, work queues and clock.</summary>
    public required IExecutionEnvironment Environment { get; init; }

    /// <summary>Rings the opposite endpoint's doorbell (the implementation decides when, R-SIG-1, R-SIG-5).</summary>
    public required Action SignalPeer { get; init; }

    /// <summary>Where the implementation reports what the client cannot see.</summary>
    public IChannelObserver Observer { get; init; } = NullChannelObserver.Instance;
}
