using Vmb.Spec.Catalog;

namespace Vmb.Spec.Tests.Catalog;

public class EvidenceTagTests
{
    [Fact]
    public void Evidence_formats_its_tags_in_catalog_order() =>
        Assert.Equal(["DOC", "INF", "DIS"], (Evidence.Dis | Evidence.Doc | Evidence.Inf).Format());
}
