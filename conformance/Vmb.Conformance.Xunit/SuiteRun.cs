using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;

namespace Vmb.Conformance.Xunit;

/// <summary>
/// The class fixture behind <see cref="ChannelConformanceTests"/>: xunit makes one per test class, so the suite
/// runs once per derived class however many requirement tests it has.
/// </summary>
public sealed class SuiteRun
{
    private readonly Lock _gate = new();
    private SuiteResult? _result;
    private RequirementCatalog? _catalog;

    /// <summary>The run's result, produced by <paramref name="run"/> on first use.</summary>
    public SuiteResult GetOrRun(Func<SuiteResult> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate) return _result ??= run();
    }

    /// <summary>The catalog the class judges against, loaded by <paramref name="load"/> on first use.</summary>
    public RequirementCatalog GetOrLoadCatalog(Func<RequirementCatalog> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        lock (_gate) return _catalog ??= load();
    }
}
