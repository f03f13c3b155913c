using System.Text.Json.Serialization;

namespace Vmb.Conformance.Scenarios;

/// <summary>What the client does when a packet is presented. Misuse probes break a client rule on purpose (D12).</summary>
public enum PolicyKind
{
    /// <summary>Complete inside the callback with <see cref="ClientPolicy.Response"/>.</summary>
    CompleteInline,

    /// <summary>Return from the callback; complete <see cref="ClientPolicy.Delay"/> scenario steps later, from the harness thread (R-CMPL-2).</summary>
    CompleteLater,

    /// <summary>DeferToPassive <see cref="ClientPolicy.Defers"/> times, then complete inline (R-DEF-1).</summary>
    DeferThenComplete,

    /// <summary>GetExternalData (read-only or writable); on PENDING return and retry on the next presentation; then complete.</summary>
    ExternalDataThenComplete,

    /// <summary>Fail the packet (R-FAIL-1); the channel stops presenting.</summary>
    Fail,

    /// <summary>Probe R-MIS-1: complete twice.</summary>
    MisuseCompleteTwice,

    /// <summary>Probe R-MIS-2: defer, then answer through the superseded handle on the next presentation.</summary>
    MisuseStaleHandle,

    /// <summary>Probe R-MIS-3: call DeferToPassive after the callback returned.</summary>
    MisuseDeferOutsideCallback,

    /// <summary>Probe R-MIS-4: GetExternalData on a packet without the flag.</summary>
    MisuseExternalDataUnflagged,

    /// <summary>Probe R-MIS-5: read an external-data view after completing.</summary>
    MisuseUseDeadView,

    /// <summary>Probe R-MIS-6: write through a read-only view.</summary>
    MisuseWriteReadOnlyView,

    /// <summary>Probe R-MIS-7: complete in the call where GetExternalData returned PENDING.</summary>
    MisuseCompleteAfterPending,

    /// <summary>Probe R-MIS-8: call Pause from inside the callback.</summary>
    MisusePauseInCallback,
}

/// <summary>The client's behaviour for one packet.</summary>
public sealed record ClientPolicy
{
    /// <summary>What to do.</summary>
    public PolicyKind Kind { get; init; }

    /// <summary>Completion buffer handed to Complete (R-CMPL-5).</summary>
    public byte[] Response { get; init; } = [];

    /// <summary>Scenario steps to wait before completing (<see cref="PolicyKind.CompleteLater"/>).</summary>
    public int Delay { get; init; }

    /// <summary>Deferrals before completing (<see cref="PolicyKind.DeferThenComplete"/>).</summary>
    public int Defers { get; init; }

    /// <summary>Ask for a read-only view (<see cref="PolicyKind.ExternalDataThenComplete"/>); otherwise writable, and one byte is written back.</summary>
    public bool ReadOnly { get; init; } = true;

    /// <summary>True for the misuse probes.</summary>
    [JsonIgnore]
    public bool IsMisuseProbe => Kind >= PolicyKind.MisuseCompleteTwice;

    /// <summary>The R-MIS rule a probe provokes, null for ordinary policies.</summary>
    [JsonIgnore]
    public string? ProbedRule => Kind switch
    {
        PolicyKind.MisuseCompleteTwice => "R-MIS-1",
        PolicyKind.MisuseStaleHandle => "R-MIS-2",
        PolicyKind.MisuseDeferOutsideCallback => "R-MIS-3",
        PolicyKind.MisuseExternalDataUnflagged => "R-MIS-4",
        PolicyKind.MisuseUseDeadView => "R-MIS-5",
        PolicyKind.MisuseWriteReadOnlyView => "R-MIS-6",
        PolicyKind.MisuseCompleteAfterPending => "R-MIS-7",
        PolicyKind.MisusePauseInCallback => "R-MIS-8",
        _ => null,
    };

    /// <summary>Short form for printing.</summary>
    public override string ToString() => Kind switch
    {
        PolicyKind.CompleteInline => $"complete({Response.Length} B)",
        PolicyKind.CompleteLater => $"complete-later(+{Delay}, {Response.Length} B)",
        PolicyKind.DeferThenComplete => $"defer×{Defers}-then-complete({Response.Length} B)",
        PolicyKind.ExternalDataThenComplete => $"external-data({(ReadOnly ? "ro" : "rw")})-then-complete({Response.Length} B)",
        PolicyKind.Fail => "fail",
        _ => $"misuse-probe {ProbedRule}",
    };
}
