namespace Vmb.Conformance.Testee;

/// <summary>How the harness runs an out-of-process testee.</summary>
public sealed record TesteeOptions
{
    /// <summary>
    /// Longest wait for each message of the testee's during a scenario (the per-step watchdog): a testee that says
    /// nothing for this long is killed, and the operation fails R-RING-15 with the verdict timeout.
    /// </summary>
    public TimeSpan StepLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for a fresh testee's handshake (its runtime starting included).</summary>
    public TimeSpan StartLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the shared ring files are created; null: /dev/shm when it exists, else the temporary folder.</summary>
    public string? SharedMemoryDirectory { get; init; }

    internal string Directory => SharedMemoryDirectory ?? (System.IO.Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath());
}

/// <summary>The testee could not be started or did not complete the handshake; nothing was judged (exit code 2).</summary>
public sealed class TesteeStartException(string message) : Exception(message);

/// <summary>The testee's implementation threw: the text is what it reported (type and message, or its own words).</summary>
public sealed class TesteeOperationFailedException(string message) : Exception(message);
