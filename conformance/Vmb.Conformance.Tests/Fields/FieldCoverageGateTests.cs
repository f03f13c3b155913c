using Vmb.Conformance.Fields;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Tests.Fields;

/// <summary>The coverage gate (D26): a run that never produced a required field class is inconclusive, not conformant.</summary>
public class FieldCoverageGateTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    private static SuiteResult Run(params FieldCoverageRow[] rows) =>
        new(new ImplementationInfo("x", "1", FramingProfile.Raw, ChannelCapabilities.None), Catalog.CatalogVersion, "0", 1, 1, 1, DateTimeOffset.UnixEpoch,
            TimeSpan.Zero, [], [], new Dictionary<string, int>()) { FieldCoverage = rows };

    [Fact]
    public void D26_a_required_field_class_never_reached_makes_the_run_inconclusive_and_is_named()
    {
        var verdict = Run(new("transaction id", "2^32", 0, true), new("transaction id", "0", 4, true)).Classify(Catalog);
        Assert.Equal(SuiteVerdict.Inconclusive, verdict.Verdict);
        Assert.Equal(["transaction id=2^32"], verdict.MissingFieldClasses);
        Assert.Contains("1 required field class(es) never occurred: transaction id=2^32", verdict.Explanation);
    }

    [Fact]
    public void D26_an_optional_class_never_reached_does_not_hold_back_the_verdict() =>
        Assert.Equal(SuiteVerdict.Conformant, Run(new("transaction id", "other", 0, false), new("transaction id", "0", 4, true)).Classify(Catalog).Verdict);

    [Fact]
    public void Table_lists_each_required_class_even_when_never_counted_ordered_by_field_and_class()
    {
        var counted = new Dictionary<FieldClass, int> { [new("b", "max")] = 3, [new("a", "1")] = 1 };
        Assert.Equal(
            [new FieldCoverageRow("a", "0", 0, true), new("a", "1", 1, true), new("b", "max", 3, false)],
            FieldCoverageRow.Table(counted, [new("a", "0"), new("a", "1")]));
    }
}
