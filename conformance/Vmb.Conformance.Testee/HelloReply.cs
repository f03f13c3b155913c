using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>Reads and judges a HELLO_REPLY (spec/testee-protocol.md §4.3, §12): a declaration that does not hold together ends the run with exit 2.</summary>
internal static class HelloReply
{
    private const uint DefinedRingBits = (1u << 6) - 1;
    private const uint DefinedChannelBits = (1u << 11) - 1;

    /// <exception cref="TesteeStartException">The testee refused, or declared something this harness cannot accept.</exception>
    /// <exception cref="MalformedFrameException">The body is not a HELLO_REPLY.</exception>
    public static TesteeDeclaration Parse(Frame frame, uint level)
    {
        var read = new BodyReader(frame);
        var result = read.Result();
        if (result != ResultCode.Ok)
            throw new TesteeStartException($"the testee refused the handshake: {(result == ResultCode.Unsupported ? "unsupported" : read.Error().Message)}");
        var version = read.U16("version");
        read.Skip(2, "reserved");
        var levels = read.U32("levels");
        var writer = read.U32("writer_capabilities");
        var reader = read.U32("reader_capabilities");
        var maxData = read.U32("max_data_size");
        var maxFrame = read.U32("max_frame_length");
        var name = read.Str("name");
        var ver = read.Str("version");
        uint channel = 0;
        byte profile = 0;
        // Fields of a version this harness does not speak are not read: the version alone is the problem.
        if (version is >= 2 and <= ProtocolConstants.Version)
        {
            channel = read.U32("channel_capabilities");
            profile = read.U8("framing_profile");
            read.Skip(3, "reserved");
        }
        if (version is < ProtocolConstants.MinVersion or > ProtocolConstants.Version)
            throw new TesteeStartException($"the testee speaks protocol version {version}; this harness speaks {ProtocolConstants.MinVersion} to {ProtocolConstants.Version}");
        read.End();
        if ((levels & level) == 0)
            throw new TesteeStartException($"the testee does not speak the {(level == ProtocolConstants.LevelChannel ? "channel" : "ring")} level (levels 0x{levels:x})");
        if (level == ProtocolConstants.LevelChannel && version < 2)
            throw new TesteeStartException($"the channel level needs protocol version 2; the testee speaks {version}");
        if ((writer & ~DefinedRingBits) != 0 || (reader & ~DefinedRingBits) != 0)
            throw new TesteeStartException($"the testee declares undefined capability bits (writer 0x{writer:x}, reader 0x{reader:x})");
        if (RingCapabilitySides.Problem((RingCapabilities)writer, (RingCapabilities)reader) is { } problem)
            throw new TesteeStartException($"the testee's declared capabilities do not hold together: {problem}");
        if ((channel & ~DefinedChannelBits) != 0)
            throw new TesteeStartException($"the testee declares undefined channel capability bits (0x{channel:x})");
        if (profile > 1) throw new TesteeStartException($"the testee declares framing profile {profile}; 0 (raw) and 1 (pipe) are defined");
        if (name.Length == 0) throw new TesteeStartException("the testee declares an empty name");
        if (maxFrame < 65536) throw new TesteeStartException($"the testee accepts frames of at most {maxFrame} bytes; the protocol requires at least 65536");
        return new TesteeDeclaration(version, name, ver, (RingCapabilities)writer, (RingCapabilities)reader, maxData,
            (ChannelCapabilities)channel, profile == 1 ? FramingProfile.Pipe : FramingProfile.Raw);
    }
}
