using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Generation;
using Vmb.Conformance.Scenarios;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Running;

/// <summary>
/// The suite's scenario stream: scenario i comes from its own FsCheck seed (run seed + i), so any one of them
/// can be regenerated alone. Most are ordinary; every 12th uses duplicate/zero transaction ids (D8), and with
/// misuse detection declared every 10th carries one misuse probe.
/// </summary>
public sealed class ScenarioSource
{
    private const int Size = 50;
    private readonly Gen<Scenario> _ordinary;
    private readonly Gen<Scenario> _duplicates;
    private readonly Gen<Scenario> _misuse;
    private readonly bool _misuseAllowed;

    /// <summary>Generators fitted to <paramref name="info"/>.</summary>
    public ScenarioSource(ImplementationInfo info, ulong seed)
    {
        Seed = seed;
        _ordinary = ScenarioGenerators.Scenario(info, new GeneratorSettings());
        _duplicates = ScenarioGenerators.Scenario(info, new GeneratorSettings { DuplicateTransactionIds = true });
        _misuse = ScenarioGenerators.Scenario(info, new GeneratorSettings { MisuseProbes = true });
        _misuseAllowed = info.Has(ChannelCapabilities.MisuseDetection);
    }

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>Scenario number <paramref name="index"/>.</summary>
    public Scenario At(int index)
    {
        var gen = _misuseAllowed && index % 10 == 9 ? _misuse : index % 12 == 11 ? _duplicates : _ordinary;
        return gen.Sample(1, new Rnd(Seed + (ulong)index), Size)[0];
    }
}
