using Vmb.Faulty;
using Vmb.Spec.Environment;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Broken;

/// <summary>Implementations that break the harness's assumptions rather than a rule: they hang, throw, or fail only sometimes.</summary>
public static class MisbehavingImplementations
{
    /// <summary>Every doorbell starts work that re-queues itself forever: the scenario never settles (Timeout).</summary>
    public static IChannelImplementation Hanging(IChannelImplementation inner) =>
        new DecoratedImplementation(inner, "hangs", (c, setup) => new Doorbelled(c, new Spinning(setup.Environment)));

    /// <summary>The doorbell throws outside the contract (Crash).</summary>
    public static IChannelImplementation Throwing(IChannelImplementation inner) =>
        new DecoratedImplementation(inner, "throws", (c, _) => new Doorbelled(c, new Throws()));

    /// <summary>Every third channel presents undefined flag bits (R-PP-9): replays of one scenario disagree (Flaky).</summary>
    public static IChannelImplementation SometimesBadFlags(IChannelImplementation inner)
    {
        var channels = 0;
        return new DecoratedImplementation(inner, "sometimes-bad-flags", (c, _) => Interlocked.Increment(ref channels) % 3 == 0 ? new BadFlags(c) : c);
    }

    private interface IDoorbell { void Ring(); }

    private sealed class Spinning(IExecutionEnvironment env) : IDoorbell
    {
        public void Ring() => env.QueueDispatch(Spin);
        private void Spin() => env.QueueDispatch(Spin);
    }

    private sealed class Throws : IDoorbell
    {
        public void Ring() => throw new InvalidOperationException("doorbell handler failed");
    }

    private sealed class Doorbelled(IVmbChannel inner, IDoorbell doorbell) : ChannelDecorator(inner)
    {
        public override void Signal() { doorbell.Ring(); Inner.Signal(); }
    }

    private sealed class BadFlags(IVmbChannel inner) : ChannelDecorator(inner)
    {
        protected override void Present(VmbPacket packet, ReadOnlySpan<byte> buffer, uint bufferLength, uint flags, object? context) =>
            base.Present(packet, buffer, bufferLength, flags | 0x80, context);
    }
}

/// <summary>An implementation whose channels are decorated by <paramref name="decorate"/>; declares what the inner one declares.</summary>
public sealed class DecoratedImplementation(IChannelImplementation inner, string bug, Func<IVmbChannel, ChannelSetup, IVmbChannel> decorate) : IChannelImplementation
{
    public ImplementationInfo Info { get; } = inner.Info with { Name = $"{inner.Info.Name}+{bug}" };

    public IVmbChannel Allocate(ChannelSetup setup) => decorate(inner.Allocate(setup), setup);
}
