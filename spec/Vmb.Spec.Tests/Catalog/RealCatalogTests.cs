using System.Text.Json;
using Vmb.Spec.Catalog;
using Vmb.Spec.Spi;

namespace Vmb.Spec.Tests.Catalog;

/// <summary>The committed catalog (embedded in Vmb.Spec) loads and covers both reference pages.</summary>
public class RealCatalogTests
{
    private static readonly RequirementCatalog Catalog = RequirementCatalog.Load();

    [Fact]
    public void D25_ring_capabilities_are_needed_only_by_rules_the_ring_level_judges_and_channel_capabilities_by_no_such_rule()
    {
        Assert.All(Catalog.Requirements.Where(r => r.RequiredRingCapabilities != RingCapabilities.None), r => Assert.True(r.IsJudgedAt(CheckLevels.Ring), r.Id));
        Assert.All(Catalog.Requirements.Where(r => r.CheckAt(CheckLevels.Ring) is not null && r.CheckAt(CheckLevels.Channel) is null),
            r => Assert.True(r.RequiredCapabilities == ChannelCapabilities.None, $"{r.Id} is judged only on rings but depends on {r.RequiredCapabilities}"));
    }

    private static string EmbeddedText()
    {
        using var stream = typeof(RequirementCatalog).Assembly.GetManifestResourceStream(RequirementCatalog.ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<string> ReferenceRuleIds() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Catalog", "reference-rule-ids.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    [Fact]
    public void Real_catalog_loads_with_schema_version_1_and_a_catalog_version()
    {
        Assert.Equal(1, Catalog.SchemaVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+$", Catalog.CatalogVersion);
        Assert.True(Catalog.Requirements.Count >= 195 + 8, $"only {Catalog.Requirements.Count} requirements");
    }

    [Fact]
    public void Every_rule_id_of_both_reference_pages_is_in_the_catalog()
    {
        var ids = ReferenceRuleIds().ToList();
        Assert.Equal(195, ids.Count);
        var missing = ids.Where(id => Catalog.Find(id) is not { } r || (r.MergedInto is { } m && Catalog.Find(m) is null)).ToList();
        Assert.True(missing.Count == 0, "missing from the catalog: " + string.Join(", ", missing));
    }

    [Fact]
    public void R_MIS_1_to_8_are_MAY_implementation_rules_needing_MisuseDetection()
    {
        for (var n = 1; n <= 8; n++)
        {
            var r = Catalog.Find($"R-MIS-{n}");
            Assert.NotNull(r);
            Assert.Equal((RequirementLevel.May, Party.Implementation, ChannelCapabilities.MisuseDetection), (r.Level, r.Party, r.RequiredCapabilities));
        }
    }

    [Theory]
    [InlineData("R-RING-9")]
    [InlineData("R-RING-10")]
    [InlineData("R-SIG-2")]
    [InlineData("R-SIG-9")]
    public void D15_memory_ordering_rules_are_verified_by_review(string id) =>
        Assert.Equal(Verification.Review, Catalog.Find(id)!.Verification);

    /// <summary>E-34: the adversarial probes make the double fetch observable, so R-MAL-10 has a ring check.</summary>
    [Fact]
    public void R_MAL_10_MUST_double_fetch_is_checked_at_the_ring_level_since_the_adversarial_probes()
    {
        var rule = Catalog.Find("R-MAL-10")!;
        Assert.Equal(Verification.Check, rule.Verification);
        Assert.Equal("SingleFetchCheck", rule.CheckAt(CheckLevels.Ring));
    }

    [Fact]
    public void Client_party_rules_are_never_verdicts_on_implementations()
    {
        var clientRules = Catalog.Requirements.Where(r => r.Party == Party.Client).ToList();
        Assert.NotEmpty(clientRules);
        Assert.All(clientRules, r =>
        {
            Assert.False(r.CountsForConformance, r.Id);
            Assert.NotEqual(Verification.Check, r.Verification);
        });
    }

    [Fact]
    public void INFO_rules_are_the_unknown_ones_and_never_count_for_conformance()
    {
        var info = Catalog.Requirements.Where(r => r.Level == RequirementLevel.Info).ToList();
        Assert.Contains(info, r => r.Id == "R-PP-23");
        Assert.All(info, r => Assert.False(r.CountsForConformance, r.Id));
    }

    [Fact]
    public void Model_rules_are_all_MUST()
    {
        var model = Catalog.Requirements.Where(r => r.Model).ToList();
        Assert.Contains(model, r => r.Id == "R-PP-7");
        Assert.All(model, r => Assert.Equal("MUST (model)", r.LevelLabel));
    }

    [Fact]
    public void Properties_hold_P_1_to_P_19_and_the_ring_invariants()
    {
        var ids = Catalog.Properties.Select(p => p.Id).ToHashSet();
        for (var n = 1; n <= 19; n++) Assert.Contains($"P-{n}", ids);
        foreach (var inv in new[] { "IDX", "FRAME", "USED", "ACCEPT", "FIFO", "WRAP", "NOOVERSHOOT", "BOUNDS", "SIG-W", "SIG-R", "CMP", "COMMIT" })
            Assert.Contains($"INV-{inv}", ids);
    }

    [Fact]
    public void Statements_are_distinct()
    {
        var repeated = Catalog.Requirements.GroupBy(r => r.Statement).Where(g => g.Count() > 1).Select(g => string.Join("/", g.Select(r => r.Id)));
        Assert.Empty(repeated);
    }

    [Fact]
    public void Requirement_fields_are_in_the_agreed_order_each_on_its_own_line()
    {
        // Other tools edit single fields; a fixed order, one field per line, keeps their git merges clean.
        string[] order = ["id", "level", "model", "area", "party", "reference", "statement", "evidence", "source", "depends", "verification", "reason", "check", "mergedInto", "decision", "presumes"];
        var text = EmbeddedText();
        using var document = JsonDocument.Parse(text);
        foreach (var entry in document.RootElement.GetProperty("requirements").EnumerateArray())
        {
            var names = entry.EnumerateObject().Select(p => p.Name).ToList();
            var positions = names.Select(n => Array.IndexOf(order, n)).ToList();
            Assert.True(positions.SequenceEqual(positions.Order()), $"{entry.GetProperty("id")}: fields out of order: {string.Join(", ", names)}");
        }

        var lines = text.Split('\n');
        Assert.Equal(Catalog.Requirements.Count, lines.Count(l => l.StartsWith("      \"id\": \"R-", StringComparison.Ordinal)));
        Assert.Equal(Catalog.Requirements.Count, lines.Count(l => l.StartsWith("      \"check\": ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_objects_list_their_levels_in_level_order()
    {
        // The loader accepts any order; one written order keeps diffs of the file to the names that changed.
        using var document = JsonDocument.Parse(EmbeddedText());
        foreach (var entry in document.RootElement.GetProperty("requirements").EnumerateArray())
        {
            var check = entry.GetProperty("check");
            if (check.ValueKind != JsonValueKind.Object) continue;
            var positions = check.EnumerateObject().Select(p => CheckLevels.All.ToList().IndexOf(p.Name)).ToList();
            Assert.True(positions.SequenceEqual(positions.Order()), $"{entry.GetProperty("id")}: check levels out of order");
        }
    }

    [Fact]
    public void Presumes_edges_have_reasons_and_no_chain_of_them_returns_to_its_start()
    {
        // The loader rejects both; this says it of the committed file without trusting the loader's graph search.
        var edges = Catalog.Requirements.SelectMany(r => r.Presumes.Select(p => (From: r.Id, p.RuleId, p.Reason))).ToList();
        Assert.All(edges, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason), $"{e.From} presumes {e.RuleId} without a reason"));
        Assert.All(edges, e => Assert.NotNull(Catalog.Find(e.RuleId)));

        foreach (var rule in Catalog.Requirements)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(rule.Presumes.Select(p => p.RuleId));
            while (pending.TryPop(out var id))
            {
                Assert.True(id != rule.Id, $"{rule.Id} presumes itself through a chain of presumes edges");
                if (!reached.Add(id)) continue;
                foreach (var next in Catalog.Find(id)!.Presumes) pending.Push(next.RuleId);
            }
        }
    }

    [Fact]
    public void R_PP_7_presumes_payload_only_and_exact_length()
    {
        // The padded-length comparison means nothing unless Buffer is the payload and BufferLength counts it.
        var rule = Catalog.Find("R-PP-7")!;
        Assert.True(rule.PresumesRule("R-PP-5"));
        Assert.True(rule.PresumesRule("R-PP-6"));
    }

    [Fact]
    public void Find_returns_null_for_an_unknown_id() => Assert.Null(Catalog.Find("R-PP-999"));
}
