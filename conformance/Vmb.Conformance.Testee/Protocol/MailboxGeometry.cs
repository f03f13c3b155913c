namespace Vmb.Conformance.Testee.Protocol;

/// <summary>
/// Where the two byte rings of a mailbox and its scenario area lie in its file (spec/testee-protocol.md §20): the
/// MAILBOX request's fields. The control page, with the four positions and the two waiting words, is always the file's
/// first 4096 bytes.
/// </summary>
internal readonly record struct MailboxGeometry(
    uint RequestsOffset, uint RequestsSize, uint AnswersOffset, uint AnswersSize, uint ScenarioOffset, uint ScenarioSize, ulong FileSize)
{
    /// <summary>Bytes of the control page at the start of the file.</summary>
    public const int ControlSize = 4096;

    // Each word on a cache line of its own, so a side polling one does not slow the side storing another.
    public const int RequestsWritten = 0;
    public const int RequestsRead = 64;
    public const int AnswersWritten = 128;
    public const int AnswersRead = 192;
    public const int HarnessWaiting = 256;
    public const int TesteeWaiting = 320;

    /// <summary>The only byte a pipe carries once the mailbox is in use: "wake up and look again".</summary>
    public const byte WakeByte = 0x57;

    /// <summary>The smallest ring the protocol allows (a ring holds any frame in pieces, so this bounds only the overhead).</summary>
    public const uint MinRingSize = 1 << 16;

    /// <summary>The largest ring, and the largest scenario area, the protocol allows (1 GiB).</summary>
    public const uint MaxRegionSize = 1 << 30;

    /// <summary>The largest mailbox file the protocol allows (2 GiB − 1: a mapping either side can index with 32-bit offsets).</summary>
    public const ulong MaxFileSize = int.MaxValue;

    /// <summary>
    /// What this harness offers: 1 MiB each way, so every frame but the rare largest passes in one piece, and 4 MiB for
    /// the scenarios' rings (a file is sparse: pages cost only once touched).
    /// </summary>
    public static MailboxGeometry Default { get; } = new(ControlSize, 1 << 20, ControlSize + (1 << 20), 1 << 20, ControlSize + (2u << 20), 4u << 20, ControlSize + (6ul << 20));

    /// <summary>Why these fields do not describe a mailbox a side can use, or null when they do.</summary>
    public string? Problem()
    {
        static bool PowerOfTwo(uint v) => v >= MinRingSize && v <= MaxRegionSize && (v & (v - 1)) == 0;
        if (!PowerOfTwo(RequestsSize) || !PowerOfTwo(AnswersSize))
            return $"ring sizes {RequestsSize} and {AnswersSize} must be powers of two from {MinRingSize} to {MaxRegionSize}";
        if (FileSize > MaxFileSize) return $"a file of {FileSize} bytes is larger than {MaxFileSize}";
        if (ScenarioSize > MaxRegionSize) return $"a scenario area of {ScenarioSize} bytes is larger than {MaxRegionSize}";
        if (RequestsOffset % ControlSize != 0 || AnswersOffset % ControlSize != 0 || RequestsOffset < ControlSize || AnswersOffset < ControlSize)
            return $"ring offsets {RequestsOffset} and {AnswersOffset} must be multiples of {ControlSize} after the control page";
        var requestsEnd = (ulong)RequestsOffset + RequestsSize;
        var answersEnd = (ulong)AnswersOffset + AnswersSize;
        if (requestsEnd > FileSize || answersEnd > FileSize) return $"the rings do not fit a file of {FileSize} bytes";
        if (RequestsOffset < answersEnd && AnswersOffset < requestsEnd) return "the two rings overlap";
        if (ScenarioSize == 0) return null;
        var scenarioEnd = (ulong)ScenarioOffset + ScenarioSize;
        if (ScenarioOffset % ControlSize != 0 || ScenarioSize % ControlSize != 0 || ScenarioOffset < ControlSize)
            return $"the scenario area {ScenarioOffset}+{ScenarioSize} must be whole pages after the control page";
        if (scenarioEnd > FileSize) return $"the scenario area does not fit a file of {FileSize} bytes";
        if ((ScenarioOffset < requestsEnd && RequestsOffset < scenarioEnd) || (ScenarioOffset < answersEnd && AnswersOffset < scenarioEnd))
            return "the scenario area overlaps a ring";
        return null;
    }

    /// <summary>The MAILBOX request (§20.1) for a file at <paramref name="path"/>.</summary>
    public FrameBuilder Request(uint id, string path) =>
        new FrameBuilder(MessageKind.Mailbox, id).U32(RequestsOffset).U32(RequestsSize).U32(AnswersOffset).U32(AnswersSize)
            .U32(ScenarioOffset).U32(ScenarioSize).U64(FileSize).Str(path);

    /// <summary>True when the <paramref name="size"/> bytes at <paramref name="offset"/> of the file lie in the scenario area.</summary>
    public bool InScenarioArea(ulong offset, ulong size) => offset >= ScenarioOffset && offset + size <= (ulong)ScenarioOffset + ScenarioSize && size <= ScenarioSize;

    /// <summary>Reads a MAILBOX body; the path comes back beside the geometry.</summary>
    public static MailboxGeometry Read(BodyReader read, out string path)
    {
        var geometry = new MailboxGeometry(read.U32("requests_offset"), read.U32("requests_size"), read.U32("answers_offset"), read.U32("answers_size"),
            read.U32("scenario_offset"), read.U32("scenario_size"), read.U64("file_size"));
        path = read.Str("path");
        read.End();
        return geometry;
    }
}
