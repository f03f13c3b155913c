using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>
/// A channel implementation in another process, spoken to with the channel level of the testee protocol
/// (spec/testee-protocol.md Part II): the harness side. The channel level drives it like any other
/// <see cref="IChannelImplementation"/>, so the same scenarios, checks, attribution and reports apply (D28). Each
/// scenario's rings and client-context area live in a file both processes map; the environment, guest memory and the
/// client stay here, reached by the testee's up-calls. A testee that does not answer within
/// <see cref="TesteeOptions.StepLimit"/> is killed (timeout, R-LIFE-22), one that exits is reaped (crash, R-LIFE-22),
/// one that sends bytes that are not the next expected message is killed (harness error, the bytes quoted); each time
/// the next scenario gets a fresh child.
/// </summary>
public sealed class TesteeChannel : IRemoteChannel, IDisposable
{
    /// <summary>Bytes of the client-context area in each scenario's file (§13.5).</summary>
    internal const int ContextAreaSize = 1 << 20;

    private readonly TesteeConnection _link;
    private ChannelSession? _session;
    private ulong _channels;

    private TesteeChannel(TesteeConnection link)
    {
        _link = link;
        var d = link.Declared;
        Info = new ImplementationInfo(d.Name, d.Version, d.Profile, d.Channel);
    }

    /// <summary>Starts <paramref name="command"/> (split into words as a shell would, never run by one) and completes the handshake for the channel level.</summary>
    /// <exception cref="TesteeStartException">The command is empty or not found, or the testee did not complete the handshake.</exception>
    public static TesteeChannel Start(string command, TesteeOptions? options = null) =>
        new(TesteeConnection.Start(command, options, ProtocolConstants.LevelChannel));

    /// <summary>The command as given.</summary>
    public string Command => _link.Command;

    /// <summary>
    /// How frames travel, for a person: the protocol version the testee answered and whether its frames go through the
    /// shared-memory mailbox (version 4, spec/testee-protocol.md §20) or the pipes.
    /// </summary>
    public string Transport => $"protocol {_link.Declared.ProtocolVersion}, " +
        (_link.Child is { } child ? $"frames {(child.UsesMailbox ? "through the mailbox" : "on the pipes")}" : "no child running");

    /// <summary>True while the running child's frames go through the mailbox.</summary>
    internal bool UsesMailbox => _link.Child?.UsesMailbox == true;

    /// <summary>Children started so far (the first one, plus one after every lost child that was needed again).</summary>
    public int ChildrenStarted => _link.ChildrenStarted;

    /// <summary>The running child's process id, or null between a lost child and the next scenario.</summary>
    public int? ProcessId => _link.Child?.Id;

    /// <inheritdoc />
    public ImplementationInfo Info { get; }

    /// <inheritdoc />
    public IChannelSession Open(int incomingRegionSize, int outgoingRegionSize)
    {
        ObjectDisposedException.ThrowIf(_link.Disposed, this);
        if (_session is not null) throw new InvalidOperationException("the previous scenario's session is still open");
        var child = _link.EnsureChild();
        var size = incomingRegionSize + outgoingRegionSize + ContextAreaSize;
        var memory = ScenarioMemory.For(child, _link.Options.Directory, size);
        try
        {
            var at = memory.Offset;
            var body = new FrameBuilder(MessageKind.MapChannel, 0).U32(at).U32((uint)incomingRegionSize).U32(at + (uint)incomingRegionSize)
                .U32((uint)outgoingRegionSize).U32(at + (uint)(incomingRegionSize + outgoingRegionSize)).U32(ContextAreaSize).U64(memory.FileSize).Str(memory.Path);
            var mark = child.DiagnosticsMark;
            var reply = new RemoteCalls(_link, child).Plain(MessageKind.MapChannel, body);
            var read = new BodyReader(reply);
            if (read.Result() != ResultCode.Ok)
                throw _link.Lose(RunOutcome.HarnessError, $"the testee could not map the channel file ({Why(reply)})");
            read.End();
            memory.Unlink();
            _session = new ChannelSession(this, child, memory, incomingRegionSize, outgoingRegionSize, mark);
            return _session;
        }
        catch (MalformedFrameException e)
        {
            memory.Dispose();
            throw _link.Lose(RunOutcome.HarnessError, $"protocol violation: {e.Message}");
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IVmbChannel Allocate(ChannelSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var session = _session ?? throw new InvalidOperationException("a testee channel is allocated only inside the session just opened");
        if (session.Channel is not null) throw new InvalidOperationException("one channel per scenario");
        var handle = 0x5643_0000_0000_0000ul | ++_channels;
        session.Channel = new RemoteChannel(new RemoteCalls(_link, session.Child), session, setup, handle);
        session.Channel.Allocate();
        return session.Channel;
    }

    /// <summary>Asks the testee to shut down, waits briefly, then kills and reaps it if needed; removes any shared file left.</summary>
    public void Dispose()
    {
        if (_link.Disposed) return;
        _session?.Dispose();
        _link.Dispose();
    }

    private static string Why(Frame reply)
    {
        var read = new BodyReader(reply);
        return read.Result() is ResultCode.Failed or ResultCode.Violation ? read.Error().Message : reply.ToString();
    }

    /// <summary>One scenario's file: the two rings and the client-context area; disposing it releases the channel.</summary>
    internal sealed class ChannelSession(TesteeChannel owner, TesteeProcess child, ScenarioMemory memory, int incomingSize, int outgoingSize, long mark)
        : IChannelSession
    {
        private string? _releaseProblem;
        private bool _closed;

        public TesteeProcess Child => child;

        public RemoteChannel? Channel { get; set; }

        public MemoryRegion IncomingRing => memory.Region.Slice(0, incomingSize);

        public MemoryRegion OutgoingRing => memory.Region.Slice(incomingSize, outgoingSize);

        public MemoryRegion ContextArea => memory.Region.Slice(incomingSize + outgoingSize, ContextAreaSize);

        public string? Diagnostics
        {
            get
            {
                var text = child.DiagnosticsSince(mark);
                if (_releaseProblem is { } problem) text += (text.Length > 0 && !text.EndsWith('\n') ? "\n" : "") + problem;
                return text.Length == 0 ? null : text;
            }
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            try
            {
                if (owner._link.Child == child)
                {
                    var reply = new RemoteCalls(owner._link, child).Plain(MessageKind.Release, new FrameBuilder(MessageKind.Release, 0));
                    var read = new BodyReader(reply);
                    if (read.Result() != ResultCode.Ok) _releaseProblem = $"(harness: RELEASE failed: {Why(reply)})";
                }
            }
            catch (Exception e) when (e is ImplementationLostException or MalformedFrameException)
            {
                // Releasing is not a call of the contract; a testee lost here is started afresh for the next scenario.
                _releaseProblem = $"(harness: releasing the channel failed: {e.Message})";
            }
            finally
            {
                memory.Dispose();
                owner._session = null;
            }
        }
    }
}
