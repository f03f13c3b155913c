using System.Text;
using System.Xml;
using Vmb.Conformance.Results;
using Vmb.Spec.Catalog;
using Vmb.Spec.Verdicts;

namespace Vmb.Conformance.Reports;

/// <summary>
/// The result as JUnit XML, which CI servers show as test results: one test case per requirement, named by ID and
/// level only (editing a statement never renames a test). A failing rule carries its counterexample and replay line;
/// a harness error is an error; not-applicable, not-exercised and untested rules are skipped with the reason; rules
/// that did not hold because another did not are marked as consequences. Deterministic: no timestamps, no durations.
/// </summary>
public static class JunitReport
{
    /// <summary>Renders <paramref name="result"/>.</summary>
    public static string Render(SuiteResult result, RequirementCatalog catalog)
    {
        var s = new ReportSummary(result, catalog);
        var rows = s.Rows;
        int Count(Func<ReportRow, bool> which) => rows.Count(which);
        var failures = Count(r => r.Result.Verdict is Verdict.Fail or Verdict.Flaky or Verdict.Timeout or Verdict.Crash);
        var errors = Count(r => r.Result.Verdict == Verdict.HarnessError);
        var skipped = Count(r => Skipped(r.Result.Verdict));
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, NewLineChars = "\n" }))
        {
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "vmb-conformance");
            Totals(w, rows.Count, failures, errors, skipped);
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"{s.Implementation.Name} {s.Implementation.Version} ({result.Level} level, {s.Profile})");
            Totals(w, rows.Count, failures, errors, skipped);
            w.WriteStartElement("properties");
            Property(w, "implementation", $"{s.Implementation.Name} {s.Implementation.Version}");
            Property(w, "level", result.Level);
            Property(w, "profile", s.Profile);
            Property(w, "capabilities", string.Join(", ", s.Capabilities));
            Property(w, "seed", result.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (result.Corpus is { } corpus) Property(w, "corpus", $"{corpus.Name} sha256:{corpus.Sha256}");
            Property(w, "scenarios", result.ScenariosGenerated.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Property(w, "catalogVersion", result.CatalogVersion);
            Property(w, "suiteVersion", result.SuiteVersion);
            Property(w, "verdict", s.Classification.Verdict.ToString());
            w.WriteEndElement();
            foreach (var row in rows) Case(w, row, result.Level);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return text.Append('\n').ToString();
    }

    private static bool Skipped(Verdict verdict) => verdict is Verdict.NotApplicable or Verdict.NotExercised or Verdict.Untested;

    private static void Totals(XmlWriter w, int tests, int failures, int errors, int skipped)
    {
        w.WriteAttributeString("tests", tests.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", errors.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", skipped.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }

    private static void Case(XmlWriter w, ReportRow row, string level)
    {
        var r = row.Result;
        w.WriteStartElement("testcase");
        w.WriteAttributeString("classname", $"{level}.{row.Requirement?.Area.ToString().ToUpperInvariant() ?? "UNKNOWN"}");
        w.WriteAttributeString("name", $"{r.RequirementId} ({row.Requirement?.Level.Format() ?? "?"})");
        var verdict = r.Verdict.Format();
        switch (r.Verdict)
        {
            case Verdict.Fail or Verdict.Flaky or Verdict.Timeout or Verdict.Crash:
                w.WriteStartElement("failure");
                w.WriteAttributeString("type", verdict);
                w.WriteAttributeString("message", Message(row));
                w.WriteString(Body(r));
                w.WriteEndElement();
                break;
            case Verdict.HarnessError:
                w.WriteStartElement("error");
                w.WriteAttributeString("type", verdict);
                w.WriteAttributeString("message", r.Detail ?? verdict);
                w.WriteEndElement();
                break;
            case var v when Skipped(v):
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", r.Detail is { } why ? $"{verdict}: {why}" : verdict);
                w.WriteEndElement();
                break;
            case Verdict.Informational when r.Detail is { } seen:
                w.WriteElementString("system-out", seen);
                break;
        }
        w.WriteEndElement();
    }

    // One line for the CI's summary: the verdict, whether it is a root cause, and why.
    private static string Message(ReportRow row)
    {
        var r = row.Result;
        var cause = r.ConsequenceOf.Count > 0 ? $"consequence of {string.Join(", ", r.ConsequenceOf)}" : "root cause";
        var binding = row.Binding ? "" : " (does not count for conformance)";
        return $"{r.Verdict.Format()}, {cause}{binding}: {r.Detail ?? r.Counterexample?.Message ?? ""}";
    }

    private static string Body(RequirementResult r)
    {
        if (r.Counterexample is not { } c) return r.Detail ?? "";
        return $"{c.Headline}\n\n{c.Message}\n\nShrunk scenario ({c.PacketCount} packet(s), {c.ShrinkSteps} shrink step(s); {c.ReplaysFailed} of {c.Replays} replay(s) failed):\n" +
               $"{c.ScenarioText}\nTrace:\n{c.TraceExcerpt}\n\nReplay:\n{c.ReplayCommand}\n";
    }
}
