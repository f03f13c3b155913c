using Vmb.Spec.Spi;

namespace Vmb.Spec.Tests.Spi;

/// <summary>The value handle of D32: identity is owner plus token, every call reaches the owner with the token.</summary>
public class VmbPacketTests
{
    private sealed class Owner : IVmbPacketOwner
    {
        public List<string> Calls { get; } = new();

        public byte[] Context { get; } = new byte[4];

        public void Complete(ulong token, ReadOnlySpan<byte> completionBuffer) => Calls.Add($"Complete {token} {completionBuffer.Length}");

        public void Fail(ulong token) => Calls.Add($"Fail {token}");

        public void DeferToPassive(ulong token) => Calls.Add($"Defer {token}");

        public int GetExternalData(ulong token, uint flags, out IExternalDataView? view)
        {
            Calls.Add($"GetExternalData {token} {flags}");
            view = null;
            return 0x103;
        }

        public Memory<byte> GetClientContext(ulong token)
        {
            Calls.Add($"GetClientContext {token}");
            return Context;
        }
    }

    [Fact]
    public void Every_member_goes_to_the_owner_with_the_token()
    {
        var owner = new Owner();
        var packet = new VmbPacket(owner, 42);
        packet.Complete([1, 2, 3]);
        packet.Fail();
        packet.DeferToPassive();
        Assert.Equal(0x103, packet.GetExternalData(1, out var view));
        Assert.Null(view);
        Assert.Equal(4, packet.GetClientContext().Length);
        Assert.Equal(["Complete 42 3", "Fail 42", "Defer 42", "GetExternalData 42 1", "GetClientContext 42"], owner.Calls);
    }

    [Fact]
    public void Handles_are_equal_exactly_when_owner_and_token_are()
    {
        var a = new Owner();
        var b = new Owner();
        Assert.Equal(new VmbPacket(a, 7), new VmbPacket(a, 7));
        Assert.True(new VmbPacket(a, 7) == new VmbPacket(a, 7));
        Assert.Equal(new VmbPacket(a, 7).GetHashCode(), new VmbPacket(a, 7).GetHashCode());
        Assert.NotEqual(new VmbPacket(a, 7), new VmbPacket(a, 8));
        Assert.NotEqual(new VmbPacket(a, 7), new VmbPacket(b, 7));
        Assert.True(new VmbPacket(a, 7) != new VmbPacket(b, 7));
        Assert.NotEqual(default, new VmbPacket(a, 0));
        Assert.Equal(default(VmbPacket), default);
    }

    [Fact]
    public void The_default_handle_names_no_packet_and_every_member_says_so()
    {
        var packet = default(VmbPacket);
        Assert.True(packet.IsDefault);
        Assert.Null(packet.Owner);
        Assert.False(new VmbPacket(new Owner(), 0).IsDefault);
        var thrown = new List<Exception>
        {
            Assert.Throws<InvalidOperationException>(() => packet.Complete(default)),
            Assert.Throws<InvalidOperationException>(() => packet.Fail()),
            Assert.Throws<InvalidOperationException>(() => packet.DeferToPassive()),
            Assert.Throws<InvalidOperationException>(() => packet.GetExternalData(0, out _)),
            Assert.Throws<InvalidOperationException>(() => packet.GetClientContext()),
        };
        // Not a ContractViolationException: no owner reported it, and it may be either party's bug.
        Assert.All(thrown, e => Assert.Contains("default(VmbPacket)", e.Message));
        Assert.DoesNotContain(thrown, e => e is ContractViolationException);
    }

    [Fact]
    public void A_handle_needs_an_owner()
    {
        Assert.Throws<ArgumentNullException>(() => new VmbPacket(null!, 1));
    }
}
