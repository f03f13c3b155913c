using Vmb.Conformance.Engine;
using Vmb.Conformance.Testee.Protocol;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The harness's link to one testee command, whatever level it serves: starts the child, completes the handshake for
/// the level asked, numbers the harness's calls, and loses a child that misbehaved (killed and reaped; the next
/// scenario gets a fresh one that must declare the same). The levels' own message loops live with their proxies.
/// </summary>
internal sealed class TesteeConnection : IDisposable
{
    private readonly IReadOnlyList<string> _argv;
    private readonly uint _level;
    private TesteeProcess? _child;
    private uint _nextId;
    private bool _disposed;

    private TesteeConnection(string command, IReadOnlyList<string> argv, TesteeOptions options, uint level)
    {
        Command = command;
        _argv = argv;
        _level = level;
        Options = options;
        (_child, Declared) = Spawn(options.StartLimit);
        ChildrenStarted = 1;
    }

    /// <summary>Starts <paramref name="command"/> (split into words as a shell would, never run by one) and completes the handshake for <paramref name="level"/>.</summary>
    /// <exception cref="TesteeStartException">The command is empty or not found, or the testee did not complete the handshake.</exception>
    public static TesteeConnection Start(string command, TesteeOptions? options, uint level)
    {
        ArgumentNullException.ThrowIfNull(command);
        IReadOnlyList<string> argv;
        try { argv = CommandLine.Split(command); }
        catch (FormatException e) { throw new TesteeStartException(e.Message); }
        var program = CommandLine.Resolve(argv[0]) ?? throw new TesteeStartException($"testee command not found: {argv[0]}");
        return new TesteeConnection(command, [program, .. argv.Skip(1)], options ?? new TesteeOptions(), level);
    }

    public string Command { get; }

    public TesteeOptions Options { get; }

    public TesteeDeclaration Declared { get; }

    public int ChildrenStarted { get; private set; }

    /// <summary>The running child, or null between a lost child and the next scenario.</summary>
    public TesteeProcess? Child => _child;

    public bool Disposed => _disposed;

    /// <summary>The next call id of the harness's counter (§2).</summary>
    public uint NextId() => ++_nextId;

    /// <summary>The running child, or a fresh one after a lost child (handshake repeated, declaration compared).</summary>
    public TesteeProcess EnsureChild()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_child is { } alive) return alive;
        try
        {
            var (child, hello) = Spawn(Options.StartLimit);
            ChildrenStarted++;
            _child = child;
            if (hello != Declared)
                throw Lose(RunOutcome.HarnessError, $"a fresh testee declared {hello}, the first one {Declared}: the handshake must not change between children");
            return child;
        }
        catch (TesteeStartException e)
        {
            throw new ImplementationLostException(RunOutcome.Crash, $"a fresh testee could not be started: {e.Message}");
        }
    }

    /// <summary>Sends a whole frame, or loses the child (a crash) when it cannot be written.</summary>
    public void Send(TesteeProcess child, byte[] frame, string what)
    {
        if (child.TrySend(frame)) return;
        if (child.SendViolation is { } violation) throw Lose(RunOutcome.HarnessError, $"protocol violation while sending {what}: {violation}");
        if (child.TimedOut) throw Lose(RunOutcome.Timeout, $"the testee took no more of {what} within {Text(Options.StepLimit)}; the testee was killed");
        throw Lose(RunOutcome.Crash, $"the testee {Ended(child)} before {what} could be sent");
    }

    /// <summary>The next frame within the step limit; a silence, an exit or garbage loses the child with the matching ending.</summary>
    public Frame Receive(TesteeProcess child, string waitingFor) => child.Next(Options.StepLimit) switch
    {
        null => throw Lose(RunOutcome.Timeout, $"no answer to {waitingFor} within {Text(Options.StepLimit)}; the testee was killed"),
        Incoming.Closed => throw Lose(RunOutcome.Crash, $"the testee {Ended(child)} while answering {waitingFor}"),
        Incoming.Garbage g => throw Lose(RunOutcome.HarnessError, $"protocol violation while answering {waitingFor}: {g.Detail}"),
        Incoming.Message m => m.Frame,
        _ => throw new InvalidOperationException("unknown incoming kind"),
    };

    /// <summary>Kills and reaps the child; the exception to throw says how it was lost.</summary>
    public ImplementationLostException Lose(RunOutcome outcome, string message)
    {
        Drop();
        return new ImplementationLostException(outcome, message);
    }

    /// <summary>Asks the child to shut down, waits briefly, then kills and reaps it if needed.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_child is { } child)
        {
            if (child.TrySend(new FrameBuilder(MessageKind.Shutdown, NextId()).ToArray())) child.WaitForExit(TimeSpan.FromSeconds(2));
            Drop();
        }
    }

    public string Ended(TesteeProcess child)
    {
        child.WaitForExit(TimeSpan.FromSeconds(2));
        return child.HasExited ? child.ExitText() : "closed its answer stream";
    }

    public static string Text(TimeSpan limit) => limit.TotalSeconds >= 1 ? $"{limit.TotalSeconds:0.#} s" : $"{limit.TotalMilliseconds:0} ms";

    private void Drop()
    {
        if (_child is not { } child) return;
        _child = null;
        child.Dispose();
        TesteeCleanup.Untrack(child);
    }

    private (TesteeProcess Child, TesteeDeclaration Hello) Spawn(TimeSpan limit)
    {
        var child = TesteeProcess.Start(_argv);
        TesteeCleanup.Track(child);
        try
        {
            return (child, Handshake(child, limit));
        }
        catch
        {
            child.Dispose();
            TesteeCleanup.Untrack(child);
            throw;
        }
    }

    private TesteeDeclaration Handshake(TesteeProcess child, TimeSpan limit)
    {
        var id = NextId();
        var request = new FrameBuilder(MessageKind.Hello, id).U16(ProtocolConstants.MinVersion).U16(ProtocolConstants.Version)
            .U32(_level).Str($"vmb-conformance {SuiteRunner.SuiteVersion}");
        string Stderr() => child.DiagnosticsSince(0, 600) is { Length: > 0 } text ? $"; its diagnostics: {text.Trim()}" : "";
        var frame = StartCall(child, request, limit, Stderr, "does not speak the testee protocol");
        TesteeDeclaration declared;
        try
        {
            declared = HelloReply.Parse(frame, _level);
        }
        catch (MalformedFrameException e)
        {
            throw new TesteeStartException($"the testee's HELLO_REPLY is malformed: {e.Message}: {frame}");
        }
        if (declared.ProtocolVersion >= ProtocolConstants.MailboxTransport) OpenMailbox(child, limit, Stderr);
        return declared;
    }

    // Version 4 (§20): one file per child carries the frames from here on; the pipes only wake a side that sleeps.
    private void OpenMailbox(TesteeProcess child, TimeSpan limit, Func<string> stderr)
    {
        var geometry = MailboxGeometry.Default;
        var file = new SharedRingFile(Options.Directory, checked((int)geometry.FileSize));
        try
        {
            var reply = StartCall(child, geometry.Request(NextId(), file.Path), limit, stderr, "broke the protocol answering MAILBOX");
            file.Unlink();
            try
            {
                var read = new BodyReader(reply);
                var result = read.Result();
                if (result != ResultCode.Ok)
                    throw new TesteeStartException($"the testee could not use the mailbox it asked for with version {ProtocolConstants.MailboxTransport}: {(result == ResultCode.Failed ? read.Error().Message : $"result {(byte)result}")}");
                read.End();
            }
            catch (MalformedFrameException e)
            {
                throw new TesteeStartException($"the testee's MAILBOX_REPLY is malformed: {e.Message}: {reply}");
            }
            try
            {
                child.UseMailbox(file, geometry, Options.StepLimit);
            }
            catch (MalformedFrameException e)
            {
                throw new TesteeStartException($"the testee broke the protocol after MAILBOX_REPLY: {e.Message}");
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    // A call of the handshake and its reply; anything else ends the start in one line (exit 2 for the command).
    private Frame StartCall(TesteeProcess child, FrameBuilder call, TimeSpan limit, Func<string> stderr, string garbled)
    {
        var name = ProtocolConstants.Name(call.Kind);
        var bytes = call.ToArray();
        var id = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (!child.TrySend(bytes)) throw new TesteeStartException($"the testee {Ended(child)} before {name}{stderr()}");
        return child.Next(limit) switch
        {
            null => throw new TesteeStartException($"the testee did not answer {name} within {Text(limit)}{stderr()}"),
            Incoming.Closed => throw new TesteeStartException($"the testee {Ended(child)} before answering {name}{stderr()}"),
            Incoming.Garbage g => throw new TesteeStartException($"the testee {garbled}: {g.Detail}"),
            Incoming.Message m when m.Frame.Kind == (call.Kind | 0x8000) && m.Frame.Id == id => m.Frame,
            Incoming.Message m => throw new TesteeStartException($"the testee answered {name} with {m.Frame}"),
            _ => throw new InvalidOperationException("unknown incoming kind"),
        };
    }
}
