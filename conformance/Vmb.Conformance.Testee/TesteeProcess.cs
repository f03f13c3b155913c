using System.Diagnostics;
using System.Text;
using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Testee;

/// <summary>What the harness received from the testee next.</summary>
internal abstract record Incoming
{
    public sealed record Message(Frame Frame) : Incoming;

    /// <summary>The answer stream ended (the testee closed it or exited).</summary>
    public sealed record Closed(string Detail) : Incoming;

    /// <summary>Bytes that are not a frame.</summary>
    public sealed record Garbage(string Detail) : Incoming;
}

/// <summary>
/// One testee child: started with its request stream on fd 3 and its answer stream on fd 4 (stdin is /dev/null, stdout
/// and stderr both go to the harness's diagnostic capture), read on the caller's thread under a watchdog timer that
/// kills the child when an answer is late, and its diagnostic output drained continuously. Killing is by process tree, and always reaped.
/// </summary>
internal sealed class TesteeProcess : IDisposable
{
    // The child is exec'd by a POSIX shell only to move the pipes .NET gives it to the protocol's descriptors:
    // fd 3 = the request pipe (was stdin), fd 4 = the answer pipe (was stdout), stdout joins stderr, stdin is /dev/null.
    private const string Redirect = "exec \"$@\" 3<&0 4>&1 1>&2 0</dev/null";
    private const int DiagnosticsCap = 1 << 20;

    private readonly Process _process;
    private readonly Stream _requests;
    private readonly Stream _answers;
    private Stream _outgoing;
    private FrameReader _frames;
    private SharedRingFile? _mailbox;
    private MailboxStream? _mailboxStream;
    private MailboxGeometry _geometry;
    private TimeSpan _sendLimit = Timeout.InfiniteTimeSpan;
    private readonly StreamReader? _lines;
    private readonly Timer _watchdog;
    private readonly StringBuilder _diagnostics = new();
    private readonly Lock _gate = new();
    private long _diagnosticsWritten;
    private int _timedOut;
    private bool _disposed;

    private TesteeProcess(Process process, bool lines)
    {
        _process = process;
        _requests = process.StandardInput.BaseStream;
        _answers = process.StandardOutput.BaseStream;
        _outgoing = _requests;
        _frames = new FrameReader(_answers);
        _lines = lines ? new StreamReader(_answers) : null;
        // The per-step watchdog: armed around every read; when it fires, the child is killed, which ends the read.
        _watchdog = new Timer(_ =>
        {
            Volatile.Write(ref _timedOut, 1);
            Kill();
        });
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate)
            {
                _diagnostics.Append(e.Data).Append('\n');
                _diagnosticsWritten += e.Data.Length + 1;
                if (_diagnostics.Length > DiagnosticsCap) _diagnostics.Remove(0, _diagnostics.Length - DiagnosticsCap / 2);
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The child's process id.</summary>
    public int Id => _process.Id;

    /// <summary>
    /// Starts <paramref name="argv"/>; the program must already be resolved. With <paramref name="lines"/> the answer stream
    /// is read as text lines (<see cref="NextLine"/>) instead of frames: only for measuring the JSON-lines alternative.
    /// </summary>
    public static TesteeProcess Start(IReadOnlyList<string> argv, bool lines = false)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Redirect);
        info.ArgumentList.Add("vmb-testee");
        foreach (var word in argv) info.ArgumentList.Add(word);
        info.Environment[ProtocolConstants.EnvironmentVariable] = ProtocolConstants.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("the testee process did not start");
        return new TesteeProcess(process, lines);
    }

    /// <summary>
    /// Sends one frame; false when the testee no longer reads (its request stream is closed) or, through the mailbox, did
    /// not make room for it within the step limit (<see cref="TimedOut"/>; it has been killed).
    /// </summary>
    public bool TrySend(byte[] frame)
    {
        if (_mailbox is not null) _watchdog.Change(_sendLimit, Timeout.InfiniteTimeSpan);
        try
        {
            ProtocolTally.CountSent(frame);
            _outgoing.Write(frame);
            _outgoing.Flush();
            return !TimedOut;
        }
        catch (MalformedFrameException e)
        {
            // The testee broke the mailbox while this side waited for room: a protocol violation, not a crash.
            SendViolation = e.Message;
            return false;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (_mailbox is not null) _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Why the last failed send failed, when the testee broke the mailbox (§20.2, §20.3); null otherwise.</summary>
    public string? SendViolation { get; private set; }

    /// <summary>True once frames go through the mailbox (§20).</summary>
    public bool UsesMailbox => _mailbox is not null;

    /// <summary>The mailbox file and where its scenario area lies (§20.4), where a scenario's rings can lie without a file of their own; null on the pipes.</summary>
    public (SharedRingFile File, MailboxGeometry Geometry)? Scenarios => _mailbox is { } file && _geometry.ScenarioSize > 0 ? (file, _geometry) : null;

    /// <summary>True once the watchdog killed the child for answering (or taking a request) too late.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) == 1;

    /// <summary>
    /// From now on frames go both ways through the mailbox in <paramref name="file"/> (§20); the pipes carry only wake-ups.
    /// The file is this child's and is released with it. A send that waits longer than <paramref name="sendLimit"/> for
    /// room kills the child.
    /// </summary>
    /// <exception cref="MalformedFrameException">Bytes came on the answer pipe after the last frame there.</exception>
    public void UseMailbox(SharedRingFile file, MailboxGeometry geometry, TimeSpan sendLimit)
    {
        var mailbox = MailboxStream.ForHarness(file.Region, geometry, _answers, _requests);
        _frames.SwitchTo(mailbox); // bytes on the pipe after MAILBOX_REPLY are a violation (§20.3)
        _mailbox = file;
        _mailboxStream = mailbox;
        _geometry = geometry;
        _sendLimit = sendLimit;
        _outgoing = mailbox;
    }

    /// <summary>
    /// Has this thread run <paramref name="work"/> between its looks while it waits for an answer through the mailbox, until
    /// called with null (see <see cref="MailboxStream.WhileWaiting"/>); false on the pipes, where a wait blocks.
    /// </summary>
    public bool WorkWhileWaiting(Func<bool, bool>? work)
    {
        if (_mailboxStream is null) return false;
        _mailboxStream.WhileWaiting = work;
        return true;
    }

    /// <summary>
    /// The next thing received, or null when nothing came within <paramref name="limit"/>: the child has then been
    /// killed. Read on the caller's thread, so an answer costs no thread hop; the watchdog timer ends a read that hangs.
    /// </summary>
    public Incoming? Next(TimeSpan limit)
    {
        Incoming result;
        var since = Stopwatch.GetTimestamp();
        _watchdog.Change(limit, Timeout.InfiniteTimeSpan);
        try
        {
            result = _frames.Next() is { } frame ? Counted(frame, Stopwatch.GetTimestamp() - since) : new Incoming.Closed("closed its answer stream");
        }
        catch (Exception e) when (e is MalformedFrameException or EndOfStreamException)
        {
            result = new Incoming.Garbage(e.Message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            result = new Incoming.Closed("closed its answer stream");
        }
        finally
        {
            _watchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        return Volatile.Read(ref _timedOut) == 1 ? null : result;
    }

    private static Incoming.Message Counted(Frame frame, long waited)
    {
        ProtocolTally.CountReceived(frame.Kind, waited);
        return new Incoming.Message(frame);
    }

    /// <summary>The next answer line (line mode, measurements only), or null at the end of the stream.</summary>
    public string? NextLine() => (_lines ?? throw new InvalidOperationException("not started in line mode")).ReadLine();

    /// <summary>How many characters of diagnostics have been received so far (a mark for <see cref="DiagnosticsSince"/>).</summary>
    public long DiagnosticsMark { get { lock (_gate) return _diagnosticsWritten; } }

    /// <summary>Diagnostics received since <paramref name="mark"/>, at most the last <paramref name="max"/> characters.</summary>
    public string DiagnosticsSince(long mark, int max = 4000)
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_diagnostics.Length, _diagnosticsWritten - mark);
            if (count <= 0) return "";
            var text = _diagnostics.ToString(_diagnostics.Length - count, count);
            return text.Length <= max ? text : "…" + text[^max..];
        }
    }

    /// <summary>True once the child has exited (and been reaped).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits up to <paramref name="limit"/> for the child to exit by itself; then its diagnostics are complete.</summary>
    public bool WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit)) return false;
        _process.WaitForExit(); // drains the diagnostic stream to its end
        return true;
    }

    /// <summary>How the child ended, for a person (after it exited).</summary>
    public string ExitText()
    {
        if (!_process.HasExited) return "is still running";
        var code = _process.ExitCode;
        return code > 128 && code < 128 + 65 ? $"ended with status {code} (128 + signal {code - 128}{SignalName(code - 128)})" : $"exited with code {code}";
    }

    private static string SignalName(int signal) => signal switch
    {
        6 => ": SIGABRT", 9 => ": SIGKILL", 11 => ": SIGSEGV", 15 => ": SIGTERM", 2 => ": SIGINT", 7 => ": SIGBUS", 4 => ": SIGILL", 8 => ": SIGFPE",
        _ => "",
    };

    /// <summary>Kills the child and everything it started, and reaps it. Safe to call more than once and from any thread.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or ObjectDisposedException or NotSupportedException)
        {
            // It exited meanwhile, or it was disposed already.
        }
        try
        {
            _process.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or ObjectDisposedException)
        {
            // Disposed meanwhile: reaped by whoever disposed it.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _watchdog.Dispose();
        Kill();
        try { _requests.Dispose(); } catch (IOException) { }
        _process.Dispose();
        // Unmapped only here, on the thread that owns this child: the watchdog and the cleanup on a signal only kill.
        _mailbox?.Dispose();
    }
}
