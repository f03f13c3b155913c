using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Conformance.Rings.Checks;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Rings;

/// <summary>
/// The ring level: scenarios of ring operations with the implementation as writer (even indices) or reader (odd),
/// the harness as the peer, judged by the ring checks on the wire-format rules. The level lists only the rules it
/// has a check for; the channel rules are neither passed nor failed here. What the writer and the reader declare (D25)
/// is stamped on the report; a rule that needs a capability neither side declares is not-applicable.
/// </summary>
public sealed class RingLevel : Level<RingScenario, RingRun>
{
    private readonly IRingImplementation _implementation;

    /// <summary>The ring level judging <paramref name="implementation"/> with every ring check.</summary>
    public RingLevel(IRingImplementation implementation) : this(implementation, RingCheckRegistry.All())
    {
    }

    /// <summary>The ring level with an explicit check list.</summary>
    internal RingLevel(IRingImplementation implementation, IReadOnlyList<RingCheck> checks)
    {
        _implementation = implementation ?? throw new ArgumentNullException(nameof(implementation));
        if (RingCapabilitySides.Problem(implementation.WriterCapabilities, implementation.ReaderCapabilities) is { } problem)
            throw new ArgumentException($"{implementation.Name} declares capabilities that do not hold together: {problem}", nameof(implementation));
        Checks = checks;
        Implementation = new ImplementationInfo(implementation.Name, implementation.Version, FramingProfile.Raw, ChannelCapabilities.None)
            { RingWriter = implementation.WriterCapabilities, RingReader = implementation.ReaderCapabilities };
        RequiredSituations = Required.Where(s => s != FreshAttach || implementation.WriterCapabilities.HasFlag(RingCapabilities.CreatesRings)).ToList();
    }

    private const string FreshAttach = "attach Fresh (Writer)";

    /// <summary>The situation of an adversarial probe (D15): a mutator switched published bytes while the reader read.</summary>
    public const string AdversarialProbe = "adversarial probe";

    /// <summary>The requirement IDs the ring level's checks judge.</summary>
    public static IReadOnlySet<string> JudgedRequirementIds { get; } = RingCheckRegistry.All().Select(c => c.RequirementId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The level's name in the catalog and in replay lines.</summary>
    public const string LevelName = CheckLevels.Ring;

    /// <summary>
    /// The situations a default ring run must reach: both roles, every attach variant, full ring, wrap-around, an
    /// adversarial probe (D15), every fault. A writer that does not create rings is never asked to, so a level judging one leaves that attach out.
    /// </summary>
    public static IReadOnlyList<string> Required { get; } =
    [
        "role Writer", "role Reader", FreshAttach, "attach CorruptIndex (Writer)", "attach CorruptIndex (Reader)",
        "ring full", "wrap-around", "destination too small", AdversarialProbe,
        .. Enum.GetValues<RingFault>().Where(f => f != RingFault.None).Select(f => $"fault {f}"),
    ];

    /// <inheritdoc />
    public override string Name => LevelName;

    /// <inheritdoc />
    public override ImplementationInfo Implementation { get; }

    /// <inheritdoc />
    public override IReadOnlyList<ICheck<RingRun>> Checks { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredSituations { get; }

    /// <inheritdoc />
    public override IReadOnlyList<FieldClass> RequiredFieldClasses => RingFields.Required;

    /// <inheritdoc />
    public override IEnumerable<FieldClass> FieldClasses(RingScenario scenario) => RingFields.Classes(scenario);

    /// <summary>Scenario <paramref name="seed"/>.Index: even indices judge the writer, odd the reader; one in <see cref="ProbeScenarios.Period"/> is an adversarial probe (D15).</summary>
    public static RingScenario ScenarioAt(ScenarioSeed seed) =>
        (ProbeScenarios.Chosen(seed) ? ProbeScenarios.Scenario(seed.Value) : RingGenerators.Scenario(seed.Index % 2 == 0 ? RingRole.Writer : RingRole.Reader))
            .Sample(1, new Rnd(seed.Value), seed.Size)[0];

    /// <inheritdoc />
    /// <remarks>Each scenario creates its own region, writer and reader; an out-of-process ring is one connection.</remarks>
    public override bool DrivesInParallel => _implementation is not IRemoteRing;

    /// <inheritdoc />
    public override bool RacesThreads(RingScenario scenario) => scenario.Mutator is not null && scenario.Role == RingRole.Reader;

    /// <inheritdoc />
    /// <remarks>Ring scenarios come from the seed alone, whatever the implementation declares.</remarks>
    public override object? GeneratorKey => LevelName;

    /// <inheritdoc />
    public override RingScenario Generate(ScenarioSeed seed) => ScenarioAt(seed);

    /// <inheritdoc />
    /// <remarks>
    /// A writer that does not declare <see cref="RingCapabilities.CreatesRings"/> attaches to the ring in use instead
    /// of creating it (D25); the run carries the scenario as driven, so shrinking and replay see the same thing.
    /// </remarks>
    public override RingRun Drive(RingScenario scenario, SuiteOptions options) =>
        RingDriver.Run(_implementation, scenario.Attach == RingAttach.Fresh && !_implementation.WriterCapabilities.HasFlag(RingCapabilities.CreatesRings)
            ? scenario with { Attach = RingAttach.Existing }
            : scenario);

    /// <inheritdoc />
    public override string? NotApplicable(ICheck<RingRun> check, Requirement requirement)
    {
        var needs = ((RingCheck)check).Needs | requirement.RequiredRingCapabilities;
        if (requirement.AppliesToRing(Implementation.RingWriter, Implementation.RingReader) && (Implementation.RingWriter.HasFlag(needs) || Implementation.RingReader.HasFlag(needs))) return null;
        var missing = Enum.GetValues<RingCapabilities>().Where(c => c != RingCapabilities.None && needs.HasFlag(c));
        return string.Join("; ", missing.Select(c => $"capability {c} not declared by the writer or the reader"));
    }

    /// <inheritdoc />
    public override RingScenario ScenarioOf(RingRun run) => run.Scenario;

    /// <summary>
    /// A refused attach (other than the expected refusal of a corrupt ring) or a thrown exception is a crash; it breaks
    /// R-RING-15 (D24). So does an out-of-process implementation that stopped answering (a timeout) or exited (a crash).
    /// </summary>
    public override RunEnd EndOf(RingRun run)
    {
        // A lost out-of-process implementation: a hang or an exit breaks R-RING-15; a protocol violation is the harness's
        // problem (it cannot tell what the implementation did), so it names no rule.
        if (run.Lost is { } lost) return new RunEnd(lost.Outcome, lost.Detail, lost.Outcome == RunOutcome.HarnessError ? null : "R-RING-15");
        var problem = (run.AttachRefusedAsCorrupt && run.Scenario.Attach == RingAttach.CorruptIndex ? null : run.AttachError)
            ?? run.Steps.FirstOrDefault(s => s.Exception is not null)?.Exception;
        return problem is null ? RunEnd.Completed : new RunEnd(RunOutcome.Crash, problem, "R-RING-15");
    }

    /// <inheritdoc />
    /// <remarks>A probe is not shrunk: its one round is already one packet, and fewer rounds would only make a mixed result rarer.</remarks>
    public override IEnumerable<RingScenario> Shrink(RingScenario scenario) => scenario.Mutator is null ? RingShrinker.Shrink(scenario) : [];

    /// <inheritdoc />
    public override IEnumerable<string> Situations(RingRun run)
    {
        var scenario = run.Scenario;
        yield return $"role {scenario.Role}";
        // A probe runs as many rounds as its reads need to race the mutator, so what else it reaches depends on the
        // machine; it counts only as a probe, which keeps the coverage the same in process and out of process (D28).
        if (scenario.Mutator is not null)
        {
            yield return AdversarialProbe;
            yield break;
        }
        if (scenario.Attach != RingAttach.Existing) yield return $"attach {scenario.Attach} ({scenario.Role})";
        if (run.Steps.Any(s => s.Outcome == StepOutcome.Full)) yield return "ring full";
        if (run.Steps.Any(s => s.Op.Kind == RingOpKind.Write && s.Outcome is StepOutcome.PeerWrote or StepOutcome.Written
                               && (s.PeerStart >= 0 ? s.PeerStart : 0) + RingPacketBytes.Total(s.Op) > scenario.DataSize)) yield return "wrap-around";
        if (run.Steps.Any(s => s.Outcome == StepOutcome.BufferTooSmall)) yield return "destination too small";
        foreach (var fault in run.Steps.Where(s => s.Outcome == StepOutcome.PeerWrote && s.Op.Fault != RingFault.None).Select(s => s.Op.Fault).Distinct())
            yield return $"fault {fault}";
    }

    /// <inheritdoc />
    public override string Describe(RingScenario scenario) => scenario.Describe();

    /// <inheritdoc />
    public override string ToJson(RingScenario scenario) => scenario.ToJson();

    /// <inheritdoc />
    public override RingScenario FromJson(string json) => RingScenario.FromJson(json);

    /// <inheritdoc />
    public override int Size(RingScenario scenario) => scenario.WriteCount;

    /// <inheritdoc />
    public override string Excerpt(RingRun run, int? at) => run.Excerpt(at);
}
