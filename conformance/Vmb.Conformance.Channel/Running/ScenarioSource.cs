using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>
/// The channel level's scenario stream: scenario i comes from its own seed and size, mixed from the run seed and i
/// (D27), so any one of them can be regenerated alone and runs with different seeds share no scenario. Most are
/// ordinary; every 12th uses duplicate/zero transaction ids (D8), with misuse detection declared every 10th
/// carries one misuse probe (the probes take turns), and indices 20k+3 and 40k+31, 20k+13 and 20k+7 follow a focus profile (<see cref="FocusProfiles"/>) where
/// no earlier rule took them: a quota that halts intake and then changes (half of them lowered below the packets
/// outstanding, whose window until enough answers arrive is narrow, hence two indices), an outgoing ring kept full, and the page a
/// pending packet waits for made resident while the channel pauses. Index 96k+46
/// is a long scenario (220 to 240 packets drawn, so at least 200 once repair keeps one malformed packet; 21 in a default run) and 40k+25 a long backlog (40 to 64 packets held back by a pause or the
/// quota): a small share, so the run's time grows modestly. Indices 25k+17 not taken earlier form the concurrency slice
/// (<see cref="ConcurrencySlice"/>): answers racing on real threads.
/// </summary>
internal sealed class ScenarioSource
{
    private readonly Gen<Scenario> _ordinary;
    private readonly Gen<Scenario> _duplicates;
    private readonly Gen<Scenario>[] _misuse;
    private readonly Gen<Scenario> _quotaHalt;
    private readonly Gen<Scenario> _backPressure;
    private readonly Gen<Scenario> _residencyWhilePausing;
    private readonly Gen<Scenario> _concurrent;
    private readonly Gen<Scenario> _long;
    private readonly Gen<Scenario> _backlog;
    private readonly bool _misuseAllowed;

    /// <summary>Generators fitted to <paramref name="info"/>.</summary>
    public ScenarioSource(ImplementationInfo info)
    {
        _ordinary = ScenarioGenerators.Scenario(info, new GeneratorSettings());
        _duplicates = ScenarioGenerators.Scenario(info, new GeneratorSettings { DuplicateTransactionIds = true });
        // Misuse scenarios take turns over the probes, so each is tried as often as any other whatever the seed.
        _misuse = ScenarioGenerators.Probes(info).Select(p => ScenarioGenerators.Scenario(info, new GeneratorSettings { MisuseProbes = true, Probe = p })).ToArray();
        // A halt needs more packets than the quota (2 or 3) and some behind them: at least 6 packets.
        _quotaHalt = FocusProfiles.QuotaHalt(ScenarioGenerators.Scenario(info, new GeneratorSettings { PacketRange = (6, 12) }), info);
        _backPressure = FocusProfiles.BackPressure(_ordinary, info);
        _residencyWhilePausing = FocusProfiles.ResidencyWhilePausing(_ordinary, info);
        _concurrent = ConcurrencySlice.Of(_ordinary, info);
        _long = FocusProfiles.Long(ScenarioGenerators.Scenario(info, new GeneratorSettings { PacketRange = (LongScenario + 20, LongScenario + 40) }), info);
        _backlog = FocusProfiles.LongBacklog(ScenarioGenerators.Scenario(info, new GeneratorSettings { PacketRange = (40, 64) }), info);
        _misuseAllowed = info.Has(ChannelCapabilities.MisuseDetection);
    }

    /// <summary>Generators fitted to <paramref name="info"/>, for the run seeded with <paramref name="seed"/>.</summary>
    public ScenarioSource(ImplementationInfo info, ulong seed) : this(info) => Seed = seed;

    /// <summary>The fewest packets a long scenario writes.</summary>
    public const int LongScenario = 200;

    /// <summary>The run seed <see cref="At(int)"/> uses.</summary>
    public ulong Seed { get; }

    /// <summary>Scenario number <paramref name="index"/> of the run seeded with <see cref="Seed"/>.</summary>
    public Scenario At(int index) => At(ScenarioSeed.For(Seed, index));

    /// <summary>The scenario <paramref name="seed"/> names.</summary>
    public Scenario At(ScenarioSeed seed)
    {
        var gen = _misuseAllowed && _misuse.Length > 0 && seed.Index % 10 == 9 ? _misuse[seed.Index / 10 % _misuse.Length]
            : seed.Index % 12 == 11 ? _duplicates
            : seed.Index % 20 == 3 || seed.Index % 40 == 31 ? _quotaHalt
            : seed.Index % 20 == 13 ? _backPressure
            : seed.Index % 20 == 7 ? _residencyWhilePausing
            : seed.Index % 96 == 46 ? _long
            : seed.Index % 40 == 25 ? _backlog
            : seed.Index % 25 == 17 ? _concurrent
            : _ordinary;
        return gen.Sample(1, new Rnd(seed.Value), seed.Size)[0];
    }
}
