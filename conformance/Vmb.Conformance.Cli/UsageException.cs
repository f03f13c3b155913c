namespace Vmb.Conformance.Cli;

/// <summary>Bad usage or input: printed as one line naming what and where, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Conformant (run), or the replayed rule held (replay), or the command did its job.</summary>
    public const int Ok = 0;

    /// <summary>Not conformant (run), or the replayed failure reproduced (replay).</summary>
    public const int NotConformant = 1;

    /// <summary>Bad usage or input: unknown flag, bad number, missing or corrupt file, unwritable output.</summary>
    public const int Usage = 2;

    /// <summary>The harness itself failed; says nothing about the implementation.</summary>
    public const int Internal = 3;
}
