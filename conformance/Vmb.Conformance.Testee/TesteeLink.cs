using Vmb.Conformance.Testee.Protocol;

namespace Vmb.Conformance.Testee;

/// <summary>
/// The testee side's two streams, for either level: the protocol's pipes until the harness sends MAILBOX, the shared
/// mailbox from its reply on (§20), the pipes then carrying only wake-ups. The servers read and send through it and
/// never know which carries their frames.
/// </summary>
internal sealed class TesteeLink(Stream requestPipe, Stream answerPipe) : IDisposable
{
    private readonly Stream _answerPipe = answerPipe;
    private Stream _answers = answerPipe;
    private MappedTesteeFile? _mailbox;
    private MailboxGeometry _geometry;

    /// <summary>Where the requests come from.</summary>
    public FrameReader Reader { get; } = new(requestPipe);

    /// <summary>The stream answers go to (a misbehaving test host writes stray bytes to it).</summary>
    public Stream Answers => _answers;

    /// <summary>The version the server answered in HELLO_REPLY: MAILBOX is a call of version 4 only.</summary>
    public ushort Version { get; set; }

    /// <summary>Answers MAILBOX with <c>failed</c> (a test host shows how the harness takes a testee that cannot keep its word).</summary>
    public bool RefuseMailbox { get; init; }

    /// <summary>Sends one whole frame.</summary>
    public void Send(byte[] frame)
    {
        _answers.Write(frame);
        _answers.Flush();
    }

    /// <summary>
    /// Performs <paramref name="frame"/> when it is MAILBOX and returns true: maps the file, answers on the pipe, and
    /// moves both directions to the mailbox (or stays on the pipes, having answered <c>failed</c>).
    /// </summary>
    /// <exception cref="ProtocolBrokenException">MAILBOX where the answered version has none, or after the link moved.</exception>
    public bool TryOpenMailbox(Frame frame)
    {
        if (frame.Kind != (ushort)MessageKind.Mailbox) return false;
        if (Version < ProtocolConstants.MailboxTransport || _mailbox is not null)
            throw new ProtocolBrokenException($"MAILBOX {(_mailbox is null ? $"after HELLO_REPLY version {Version}" : "a second time")}");
        var geometry = MailboxGeometry.Read(new BodyReader(frame), out var path);
        var reply = new FrameBuilder((MessageKind)((ushort)MessageKind.Mailbox | 0x8000), frame.Id);
        MappedTesteeFile? mapped = null;
        MailboxStream mailbox;
        try
        {
            if (geometry.Problem() is { } problem) throw new InvalidOperationException(problem);
            if (RefuseMailbox) throw new InvalidOperationException("refused on purpose (--misbehave refuse-mailbox)");
            mapped = new MappedTesteeFile(path, geometry.FileSize);
            mailbox = MailboxStream.ForTestee(mapped.Region(0, geometry.FileSize), geometry, requestPipe, _answerPipe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            mapped?.Dispose();
            Send(reply.Result(ResultCode.Failed).Error(new Vmb.Spec.Spi.RingError($"cannot use the mailbox {path}: {e.Message}")).ToArray());
            return true;
        }
        Send(reply.Result(ResultCode.Ok).ToArray());
        _mailbox = mapped;
        _geometry = geometry;
        _answers = mailbox;
        Reader.SwitchTo(mailbox);
        return true;
    }

    /// <summary>
    /// The <paramref name="size"/> bytes at <paramref name="offset"/> of the mailbox file, for a MAP or MAP_CHANNEL whose path
    /// is empty (§20.4): they must lie in the scenario area.
    /// </summary>
    /// <exception cref="ProtocolBrokenException">No mailbox, or the bytes are not in its scenario area.</exception>
    public Vmb.Spec.Memory.MemoryRegion ScenarioRegion(ulong offset, ulong size)
    {
        if (_mailbox is null) throw new ProtocolBrokenException("an empty path without the mailbox in use");
        if (!_geometry.InScenarioArea(offset, size))
            throw new ProtocolBrokenException($"{offset}+{size} is not in the mailbox's scenario area {_geometry.ScenarioOffset}+{_geometry.ScenarioSize}");
        return _mailbox.Region(offset, size);
    }

    public void Dispose() => _mailbox?.Dispose();
}
