using Vmb.Spec.Spi;

namespace Vmb.Conformance.Scenarios;

/// <summary>How the client configures the channel before Enable.</summary>
public sealed record ScenarioOptions
{
    /// <summary>The framing the payloads are written in; the implementation's declared profile (D1).</summary>
    public FramingProfile Profile { get; init; } = FramingProfile.Raw;

    /// <summary>SetIncomingProcessingAtPassive(TRUE) before Enable (R-PAS-1).</summary>
    public bool PassiveProcessing { get; init; }

    /// <summary>Transaction quota set before Enable; 0 = never set (R-QUO-2).</summary>
    public uint Quota { get; init; }

    /// <summary>Register the Ex callbacks with a context (R-CTX-1) instead of the legacy pair.</summary>
    public bool ExCallbacks { get; init; }

    /// <summary>Register a processing-complete callback (R-PP-18); it is optional (R-PP-21).</summary>
    public bool ProcessingCompleteCallback { get; init; } = true;

    /// <summary>Per-packet client context size (R-CTX-3); 0 = not set.</summary>
    public uint ClientContextSize { get; init; }

    /// <summary>
    /// Before the real registration, try a null process-packet callback (R-LIFE-3) and register the other
    /// callback kind first, which the real registration must replace (R-CTX-2).
    /// </summary>
    public bool ProbeRegistration { get; init; }

    /// <summary>The client's Opened callback returns a failure: the channel must roll back with no traffic (R-LIFE-5).</summary>
    public bool OpenedFails { get; init; }

    /// <summary>Call Pause before Enable: the channel must come up paused (R-PAUSE-4).</summary>
    public bool PauseBeforeEnable { get; init; }

    /// <summary>After Enable, call an Init* function and record its status (R-LIFE-2).</summary>
    public bool ProbeInitAfterEnable { get; init; }
}
