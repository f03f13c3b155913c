using System.Buffers.Binary;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The harness's calls to one child during one scenario (spec/testee-protocol.md §11): sends a call, then serves the
/// testee's up-calls — which may make nested calls of their own — until the call's reply comes. Replies therefore
/// arrive in stack order; anything else is a protocol violation. A child lost earlier in the scenario is never
/// replaced mid-scenario: every later call fails as a crash.
/// </summary>
internal sealed class RemoteCalls(TesteeConnection link, TesteeProcess child)
{
    /// <summary>The protocol version the testee answered in its handshake.</summary>
    public ushort Version => link.Declared.ProtocolVersion;

    /// <summary>Serves one up-call and returns its reply, or null for a notification, which gets none; set once the channel exists.</summary>
    public Func<Frame, FrameBuilder?>? UpCalls { get; set; }

    /// <summary>A call during which the testee may not call the harness (MAP_CHANNEL, RELEASE).</summary>
    public Frame Plain(MessageKind kind, FrameBuilder body) => Exchange(kind, body, upCallsAllowed: false);

    /// <summary>A down-call: up-calls are served until its reply comes.</summary>
    public Frame Call(MessageKind kind, FrameBuilder body) => Exchange(kind, body, upCallsAllowed: true);

    /// <summary>Kills the child for bytes that break the protocol; the scenario ends as a harness error.</summary>
    public ImplementationLostException Violation(string message) => link.Lose(RunOutcome.HarnessError, $"protocol violation: {message}");

    private Frame Exchange(MessageKind kind, FrameBuilder body, bool upCallsAllowed)
    {
        if (link.Child != child) throw new ImplementationLostException(RunOutcome.Crash, "the testee was lost earlier in this scenario");
        var id = link.NextId();
        var bytes = body.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), id);
        var name = ProtocolConstants.Name((ushort)kind);
        link.Send(child, bytes, name);
        var expected = (ushort)((ushort)kind | 0x8000);
        while (true)
        {
            var frame = link.Receive(child, name);
            if (frame.Kind == expected && frame.Id == id) return frame;
            if (upCallsAllowed && UpCalls is { } serve && ProtocolConstants.IsUpCall(frame.Kind))
            {
                if (serve(frame) is { } reply) link.Send(child, reply.ToArray(), ProtocolConstants.Name(reply.Kind));
                continue;
            }
            throw Violation($"expected {ProtocolConstants.Name(expected)} id {id}{(upCallsAllowed ? " or an up-call" : "")}, got {frame}");
        }
    }
}
