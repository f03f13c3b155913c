using Vmb.Conformance.Checks;
using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Fields;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Results;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>
/// The channel level: scenarios of peer steps and client policies, driven through <see cref="IChannelImplementation"/>
/// on the deterministic scheduler, judged by the channel checks. The level lists every catalog rule; rules judged
/// only at the ring level say so.
/// </summary>
public sealed class ChannelLevel : Level<Scenario, CheckContext>
{
    private readonly IChannelImplementation _implementation;
    private readonly ScenarioSource _source;

    /// <summary>The channel level judging <paramref name="implementation"/> with every channel check.</summary>
    public ChannelLevel(IChannelImplementation implementation) : this(implementation, CheckRegistry.All())
    {
    }

    /// <summary>The channel level with an explicit check list (tests use a subset).</summary>
    internal ChannelLevel(IChannelImplementation implementation, IReadOnlyList<RequirementCheck> checks)
    {
        _implementation = implementation ?? throw new ArgumentNullException(nameof(implementation));
        Checks = checks;
        _source = new ScenarioSource(implementation.Info);
    }

    /// <summary>The requirement IDs the channel level's checks judge.</summary>
    public static IReadOnlySet<string> JudgedRequirementIds { get; } = CheckRegistry.All().Select(c => c.RequirementId).ToHashSet(StringComparer.Ordinal);

    /// <summary>The level's name in the catalog and in replay lines.</summary>
    public const string LevelName = CheckLevels.Channel;

    /// <inheritdoc />
    public override string Name => LevelName;

    /// <inheritdoc />
    public override ImplementationInfo Implementation => _implementation.Info;

    /// <inheritdoc />
    public override IReadOnlyList<ICheck<CheckContext>> Checks { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> RequiredSituations => Coverage.RequiredFor(Implementation, remote: _implementation is IRemoteChannel);

    /// <inheritdoc />
    public override IReadOnlyList<FieldClass> RequiredFieldClasses => ScenarioFields.RequiredFor(Implementation);

    /// <inheritdoc />
    public override IEnumerable<FieldClass> FieldClasses(Scenario scenario) => ScenarioFields.Classes(scenario);

    /// <inheritdoc />
    /// <remarks>Each scenario allocates its own channel, rings and memory; an out-of-process channel is one connection.</remarks>
    public override bool DrivesInParallel => _implementation is not IRemoteChannel;

    /// <inheritdoc />
    public override bool RacesThreads(Scenario scenario) => scenario.Threaded;

    /// <inheritdoc />
    /// <remarks>The generators are fitted to the framing profile and the declared capabilities, and to nothing else.</remarks>
    public override object? GeneratorKey => (LevelName, Implementation.Profile, Implementation.Capabilities);

    /// <inheritdoc />
    public override Scenario Generate(ScenarioSeed seed) => _source.At(seed);

    /// <inheritdoc />
    public override CheckContext Drive(Scenario scenario, SuiteOptions options) =>
        new(ScenarioDriver.Run(_implementation, scenario, options.StepBudget));

    /// <inheritdoc />
    public override Scenario ScenarioOf(CheckContext run) => run.Scenario;

    /// <inheritdoc />
    public override RunEnd EndOf(CheckContext run) => run.Run.Outcome switch
    {
        RunOutcome.Crash => new(RunOutcome.Crash, run.Run.OutcomeDetail, "R-LIFE-22"),
        RunOutcome.Timeout when run.Run.NeverIdle => new(RunOutcome.Timeout, run.Run.OutcomeDetail, "R-LIFE-23"),
        RunOutcome.Timeout when run.Run.CallNeverReturned => new(RunOutcome.Timeout, run.Run.OutcomeDetail, "R-LIFE-22"),
        var outcome => new(outcome, run.Run.OutcomeDetail, StalledRule(run.Run.StalledOn)),
    };

    /// <inheritdoc />
    public override IEnumerable<Scenario> Shrink(Scenario scenario) => ScenarioShrinker.Shrink(scenario, Implementation);

    /// <inheritdoc />
    public override IEnumerable<string> Situations(CheckContext run) => Coverage.Situations(run.Run);

    /// <inheritdoc />
    public override string? EventOrder(CheckContext run) => Coverage.EventOrder(run.Run);

    /// <inheritdoc />
    public override string Describe(Scenario scenario) => scenario.Describe();

    /// <inheritdoc />
    public override string ToJson(Scenario scenario) => ScenarioJson.SerializeCompact(scenario);

    /// <inheritdoc />
    public override Scenario FromJson(string json) => ScenarioJson.Parse(json);

    /// <inheritdoc />
    public override int Size(Scenario scenario) => scenario.PacketCount;

    /// <inheritdoc />
    public override string Excerpt(CheckContext run, int? at) =>
        run.Run.Diagnostics is { Length: > 0 } printed
            ? $"{Trace.Excerpt(run.Events, at)}{System.Environment.NewLine}testee diagnostics (stderr, stdout) during this scenario:{System.Environment.NewLine}{printed.TrimEnd()}"
            : Trace.Excerpt(run.Events, at);

    /// <inheritdoc />
    public override string? NotApplicable(ICheck<CheckContext> check, Requirement requirement)
    {
        var info = Implementation;
        var rule = (RequirementCheck)check;
        if (rule.AppliesTo(info) && requirement.AppliesTo(info)) return null;
        var needs = rule.Needs | requirement.RequiredCapabilities;
        var missing = Enum.GetValues<ChannelCapabilities>().Where(c => c != ChannelCapabilities.None && needs.HasFlag(c) && !info.Has(c));
        var parts = missing.Select(c => $"capability {c} not declared").ToList();
        if ((rule.Profile ?? requirement.RequiredProfile) is { } profile && profile != info.Profile) parts.Add($"rule concerns the {profile} profile, implementation speaks {info.Profile}");
        return string.Join("; ", parts);
    }

    /// <inheritdoc />
    public override bool Lists(Requirement requirement) => true;

    // D24: each obligation the driver waits for maps to the rule that requires it; a crash breaks R-LIFE-22.
    private static string? StalledRule(Subject? stalledOn) => stalledOn switch
    {
        Subject.Pause => "R-PAUSE-3",
        Subject.Disable => "R-LIFE-16",
        _ => null,
    };
}
