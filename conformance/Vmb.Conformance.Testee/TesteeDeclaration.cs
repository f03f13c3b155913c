using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>What a testee declared in its handshake (spec/testee-protocol.md §4.3, §12); every fresh child must declare the same.</summary>
internal sealed record TesteeDeclaration(
    ushort ProtocolVersion, string Name, string Version, RingCapabilities Writer, RingCapabilities Reader, long MaxDataSize,
    ChannelCapabilities Channel, FramingProfile Profile)
{
    public override string ToString() =>
        $"{Name} {Version} (writer {Writer}, reader {Reader}, channel {Channel}, profile {Profile}, protocol v{ProtocolVersion})";
}
