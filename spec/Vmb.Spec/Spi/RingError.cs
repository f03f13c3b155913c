namespace Vmb.Spec.Spi;

/// <summary>
/// Why a reader rejected the ring or a packet, or why a writer refused to trust a loaded index. Only the text is
/// required: errno-style code that reports a code and a log line meets every MUST with it (R-MAL-9, D25). The rest
/// is optional detail: naming the rule is its own SHOULD (R-MAL-16), and the location lets a harness tell that the
/// rejection is about the packet at the reader's own position (R-MAL-12).
/// </summary>
/// <param name="Message">One line for a person; required. A retry of the same rejection gives the same error (R-MAL-9).</param>
public sealed record RingError(string Message)
{
    /// <summary>The catalog ID of the rule the input broke (e.g. R-MAL-3), or null when the implementation does not name it.</summary>
    public string? RuleId { get; init; }

    /// <summary>The field judged, e.g. offset8 or write_index, or null.</summary>
    public string? Field { get; init; }

    /// <summary>Byte offset of that field in the data area (or control page, for index fields), or null.</summary>
    public long? RingOffset { get; init; }

    /// <summary>The offending value, or null.</summary>
    public long? Value { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Field is null ? "" : $"{Field}{(Value is { } v ? $" = {v}" : "")}{(RingOffset is { } o ? $" at ring offset {o}" : "")}: ";
        return $"{(RuleId is null ? "" : $"{RuleId}: ")}{where}{Message}";
    }
}

/// <summary>Raised where a ring error cannot be returned (e.g. attaching to a ring with corrupt indices).</summary>
public sealed class RingFormatException : Exception
{
    /// <summary>Wraps <paramref name="error"/>.</summary>
    public RingFormatException(RingError error) : base(error.ToString()) => Error = error;

    /// <summary>What is wrong.</summary>
    public RingError Error { get; }
}
