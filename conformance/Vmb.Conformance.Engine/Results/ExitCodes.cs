namespace Vmb.Conformance.Results;

/// <summary>The one exit-code table of every command (D30); the README and <c>--help</c> print <see cref="Table"/>.</summary>
public static class ExitCodes
{
    /// <summary>Conformant, or as expected.</summary>
    public const int Success = 0;

    /// <summary>Not conformant, a regression, or an unexpected result.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or input.</summary>
    public const int Usage = 2;

    /// <summary>Inconclusive: not enough evidence for a verdict (D26).</summary>
    public const int Inconclusive = 3;

    /// <summary>The harness or the tool itself failed.</summary>
    public const int HarnessError = 4;

    /// <summary>Every code with its meaning, in order.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Table { get; } =
    [
        (Success, "conformant / as expected"),
        (Failure, "not conformant / regression / unexpected result"),
        (Usage, "bad usage or input"),
        (Inconclusive, "inconclusive: a MUST rule never exercised, or a required situation or field class never reached"),
        (HarnessError, "harness or internal error"),
    ];
}
