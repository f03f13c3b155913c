using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks.Misuse;

/// <summary>
/// R-MIS-n (D12, MAY): when the client breaks the rule on purpose (a misuse probe), a strict implementation
/// reports it to its observer and — except for R-MIS-4, which must not throw — raises ContractViolationException
/// from the offending call. Judged only when MisuseDetection is declared.
/// </summary>
internal sealed class MisuseDetectionCheck : RequirementCheck
{
    private readonly string _id;

    /// <summary>A check for misuse rule <paramref name="requirementId"/>.</summary>
    public MisuseDetectionCheck(string requirementId) => _id = requirementId;

    /// <summary>The eight misuse rules (mis-ids: R-MIS-1 … R-MIS-8).</summary>
    public static IEnumerable<MisuseDetectionCheck> All() => Enumerable.Range(1, 8).Select(i => new MisuseDetectionCheck($"R-MIS-{i}"));

    /// <inheritdoc />
    public override string RequirementId => _id;

    /// <inheritdoc />
    public override ChannelCapabilities Needs => ChannelCapabilities.MisuseDetection;

    /// <inheritdoc />
    public override bool JudgesMisuseProbes => true;

    /// <inheritdoc />
    /// <remarks>The view rules (R-MIS-5…7) need external data, which pipe-mode channels never carry (R-EXT-19).</remarks>
    public override FramingProfile? Profile => _id is "R-MIS-5" or "R-MIS-6" or "R-MIS-7" ? FramingProfile.Raw : null;

    /// <inheritdoc />
    public override CheckOutcome Evaluate(CheckContext c)
    {
        var exercised = false;
        foreach (var probe in c.Of<MisuseProbed>().Where(p => p.Rule == _id))
        {
            exercised = true;
            var later = c.Events.Skip(probe.Index + 1).ToList();
            if (!later.Any(e => e is MisuseReported m && m.Rule == _id))
                return CheckOutcome.Missing($"the client broke the rule behind {_id} (packet {probe.Packet}) and the implementation did not report it", probe.Index);
            var raised = later.FirstOrDefault(e => e is CallThrew t && t.Rule == _id || e is ControlCompleted { Faulted: true } f && f.Rule == _id);
            if (_id == "R-MIS-4")
            {
                var threw = later.TakeWhile(e => e is not ExternalDataRequested).OfType<CallThrew>().FirstOrDefault();
                if (threw is not null) return CheckOutcome.Fail($"GetExternalData on an unflagged packet threw ({threw.Message}); it must return an error (D4)", threw.Index);
            }
            else if (raised is null)
                return CheckOutcome.Fail($"the offending call of probe {_id} (packet {probe.Packet}) did not raise ContractViolationException({_id})", probe.Index);
        }
        return CheckOutcome.PassIf(exercised);
    }
}
