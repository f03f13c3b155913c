namespace Vmb.Conformance.Cli;

/// <summary>Bad usage or input: printed as one line naming what and where, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
