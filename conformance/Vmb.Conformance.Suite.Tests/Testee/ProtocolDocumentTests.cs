using System.Text.RegularExpressions;
using Vmb.Conformance.Testee;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// spec/testee-protocol.md is what a testee author reads instead of the harness's code, so its message tables and the
/// harness's message kinds must be the same list with the same numbers and names; and the handshake refuses what the
/// document says it refuses.
/// </summary>
public sealed partial class ProtocolDocumentTests
{
    [Fact]
    public void Every_message_kind_has_its_row_in_the_protocol_document_with_the_same_number_and_name()
    {
        var rows = MessageRow().Matches(File.ReadAllText(RepositoryFiles.Path("spec/testee-protocol.md")))
            .Select(m => (Kind: Convert.ToUInt16(m.Groups[1].Value, 16), Name: m.Groups[2].Value))
            .ToList();
        var documented = rows.ToLookup(r => r.Kind, r => r.Name);
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var name = ProtocolConstants.Name((ushort)kind);
            Assert.True(documented[(ushort)kind].Contains(name), $"0x{(ushort)kind:X4} {name} has no row in spec/testee-protocol.md");
        }
        Assert.All(rows, r => Assert.True(Enum.IsDefined((MessageKind)r.Kind), $"the document lists 0x{r.Kind:X4} {r.Name}, which the harness does not know"));
    }

    [Theory]
    [InlineData(1u << 11, 0, "undefined channel capability bits")]
    [InlineData(0u, 2, "framing profile 2")]
    public void A_channel_testee_declaring_what_the_protocol_does_not_define_fails_the_handshake(uint channel, byte profile, string mentions)
    {
        var reply = ChannelHello(2, ProtocolConstants.LevelChannel, channel, profile);
        var e = Assert.Throws<TesteeStartException>(() => HelloReply.Parse(reply, ProtocolConstants.LevelChannel));
        Assert.Contains(mentions, e.Message);
    }

    [Fact]
    public void The_channel_level_needs_version_2_and_a_declared_channel_level()
    {
        Assert.Contains("does not speak the channel level",
            Assert.Throws<TesteeStartException>(() => HelloReply.Parse(ChannelHello(2, ProtocolConstants.LevelRing, 0, 0), ProtocolConstants.LevelChannel)).Message);
        var declared = HelloReply.Parse(ChannelHello(2, ProtocolConstants.LevelChannel, (uint)(ChannelCapabilities.PauseStart | ChannelCapabilities.ExternalData), 1),
            ProtocolConstants.LevelChannel);
        Assert.Equal(ChannelCapabilities.PauseStart | ChannelCapabilities.ExternalData, declared.Channel);
        Assert.Equal(FramingProfile.Pipe, declared.Profile);
    }

    private static Frame ChannelHello(ushort version, uint levels, uint channel, byte profile)
    {
        var bytes = new FrameBuilder((MessageKind)((ushort)MessageKind.Hello | 0x8000), 1).Result(ResultCode.Ok).U16(version).Zero(2).U32(levels)
            .U32(0).U32(0).U32(0).U32(ProtocolConstants.MaxLength).Str("a channel").Str("1").U32(channel).U8(profile).Zero(3).ToArray();
        return new Frame((ushort)((ushort)MessageKind.Hello | 0x8000), 1, bytes[ProtocolConstants.HeaderSize..]);
    }

    // A table row naming one message: | 0x0030 | COMPLETE | …
    [GeneratedRegex(@"^\| 0x([0-9A-F]{4}) \| ([A-Z_]+) \|", RegexOptions.Multiline)]
    private static partial Regex MessageRow();
}
