using System.Text;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>
/// What one operation did: who acted, the returned status, the signals the implementation raised during it, the
/// packet or error it returned, and copies of the control page and data area after the operation.
/// </summary>
/// <param name="Index">Operation index in the scenario.</param>
/// <param name="Op">The operation.</param>
/// <param name="ByImplementation">True when the implementation acted (false: the harness as peer).</param>
/// <param name="Outcome">Status returned, or what the harness did (e.g. PeerFull, Skipped).</param>
/// <param name="Control">Control page after the operation (4096 bytes).</param>
/// <param name="Data">Data area after the operation.</param>
/// <param name="Packet">Reader role: the packet returned; writer role: null.</param>
/// <param name="PacketBytes">Bytes of the packet read (descriptor to padding), by either side.</param>
/// <param name="Error">Reader role: the error returned.</param>
/// <param name="RequiredSize">Reader role: the required size returned.</param>
/// <param name="Exception">An exception the implementation threw, type and message.</param>
/// <param name="PeerStart">Reader role: where the harness put the packet it wrote (or -1).</param>
public sealed record RingStep(
    int Index, RingOp Op, bool ByImplementation, StepOutcome Outcome, byte[] Control, byte[] Data,
    RingPacket? Packet, byte[]? PacketBytes, RingError? Error, int RequiredSize, string? Exception, int PeerStart)
{
    /// <summary>
    /// The signals the implementation raised during this operation (D25), each with the control page as it was at
    /// that moment; a correct endpoint raises at most one, after publishing its index.
    /// </summary>
    public IReadOnlyList<byte[]> Signals { get; init; } = [];

    /// <summary>
    /// Adversarial probes: the two versions of the packet the peer published in this step, which the mutator switched
    /// between while the reader read it (D15); null for every other step.
    /// </summary>
    public SwitchedPacket? Switched { get; init; }

    /// <summary>
    /// Adversarial probes: how many times the mutator switched versions while this implementation operation ran (a read
    /// that raced the mutator has at least one); null outside probes and for the peer's steps.
    /// </summary>
    public long? Switches { get; init; }

    /// <summary>Reader role: what UnmaskInterrupts returned (unread data waiting, R-SIG-3); null for other operations.</summary>
    public bool? Waiting { get; init; }

    /// <summary>A little-endian control field after the operation.</summary>
    public uint Field(int offset) => ControlPage.Read(Control, offset);

    /// <summary>One line for a trace excerpt.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"#{Index} {(ByImplementation ? "impl" : "peer")}: {Op} -> {Outcome}");
        if (Signals.Count > 0) text.Append(Signals.Count == 1 ? " signal" : $" {Signals.Count} signals");
        if (Waiting is { } w) text.Append(w ? " data-waiting" : " nothing-waiting");
        if (Packet is { } p) text.Append($" packet@{p.RingOffset} len={p.Length} type=0x{p.Descriptor.Type:x}");
        if (Error is { } e) text.Append($" error {e}");
        if (RequiredSize != 0) text.Append($" required={RequiredSize}");
        if (Exception is { } x) text.Append($" threw {x}");
        text.Append($" | W={Field(ControlPage.WriteIndexOffset)} R={Field(ControlPage.ReadIndexOffset)} mask={Field(ControlPage.InterruptMaskOffset)} pss={Field(ControlPage.PendingSendSizeOffset)}");
        return text.ToString();
    }
}

/// <summary>A finished ring run: the scenario, the state before the first operation, and one step per operation.</summary>
/// <param name="Scenario">What was run.</param>
/// <param name="Implementation">Name and version of the implementation.</param>
/// <param name="InitialControl">Control page before the first operation (after attaching).</param>
/// <param name="Steps">One per operation.</param>
/// <param name="AttachError">The implementation refused to attach (message), or null.</param>
public sealed record RingRun(RingScenario Scenario, string Implementation, byte[] InitialControl, IReadOnlyList<RingStep> Steps, string? AttachError)
{
    /// <summary>What the implementation's side in this run declares (D25); checks of rules that need more do not judge the run.</summary>
    public RingCapabilities Declared { get; init; }

    /// <summary>The attach failed with a <see cref="Vmb.Spec.Spi.RingFormatException"/> (the expected refusal of a corrupt ring).</summary>
    public bool AttachRefusedAsCorrupt { get; init; }

    /// <summary>An implementation out of process was lost during the run (no answer, exit, protocol violation), or null.</summary>
    public RingLoss? Lost { get; init; }

    /// <summary>What an implementation out of process printed during the run (its diagnostic stream), or null.</summary>
    public string? Diagnostics { get; init; }

    /// <summary>The control page before step <paramref name="index"/>.</summary>
    public byte[] ControlBefore(int index) => index == 0 ? InitialControl : Steps[index - 1].Control;

    /// <summary>Steps around <paramref name="index"/>, the offending one marked.</summary>
    public string Excerpt(int? index)
    {
        var at = index ?? Steps.Count - 1;
        var lines = Steps.Where(s => Math.Abs(s.Index - at) <= 4).Select(s => (s.Index == at ? ">> " : "   ") + s).ToList();
        if (Lost is { } lost) lines.Add($"{(lost.Step == at || index is null ? ">> " : "   ")}#{(lost.Step < 0 ? "attach" : lost.Step.ToString(System.Globalization.CultureInfo.InvariantCulture))} impl: {lost.Outcome}: {lost.Detail}");
        if (Diagnostics is { Length: > 0 } text) lines.Add($"testee diagnostics (stderr) during this scenario:{Environment.NewLine}{text.TrimEnd()}");
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>How an implementation out of process was lost during a run (D24).</summary>
/// <param name="Outcome">Timeout (no answer within the step limit), crash (exited or killed) or harness error (protocol violation).</param>
/// <param name="Detail">The operation and what happened, for a person.</param>
/// <param name="Step">The operation that got no answer; -1 while mapping or attaching.</param>
public sealed record RingLoss(Vmb.Conformance.Engine.RunOutcome Outcome, string Detail, int Step);
