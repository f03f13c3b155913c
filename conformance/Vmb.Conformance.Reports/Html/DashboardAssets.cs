namespace Vmb.Conformance.Reports.Html;

/// <summary>The dashboard's style sheet and script, inlined so the page is one file that works offline.</summary>
internal static class DashboardAssets
{
    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
        h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 2em; } h3 { font-size: 1.05em; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: 2px 6px; font-size: 0.85em; }
        .matrix-wrap { overflow-x: auto; max-width: 100%; }
        .matrix th.impl { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: normal; }
        .matrix td.cell { text-align: center; min-width: 2.2em; }
        .v-pass { background: #c8e6c9; } .v-fail { background: #ef9a9a; } .v-consequence { background: #ffe0b2; }
        .v-flaky, .v-timeout, .v-crash { background: #f48fb1; } .v-harness-error { background: #b39ddb; }
        .v-not-applicable, .v-informational { background: #eceff1; color: #666; }
        .v-untested, .v-not-exercised { background: #fff9c4; } .v-absent { color: #aaa; }
        .verdict-conformant { color: #2e7d32; font-weight: bold; } .verdict-not-conformant { color: #c62828; font-weight: bold; }
        .verdict-inconclusive { color: #ef6c00; font-weight: bold; } .verdict-harness-error { color: #6a1b9a; font-weight: bold; }
        .met { color: #2e7d32; } .unmet { color: #c62828; font-weight: bold; }
        .filters { margin: 1em 0; display: flex; gap: 1em; flex-wrap: wrap; align-items: center; }
        details.failure { margin: 0.4em 0 0.4em 1em; } details.failure > summary { cursor: pointer; }
        pre { background: #f6f8fa; padding: 0.5em; overflow-x: auto; font-size: 0.8em; }
        .rule { margin: 0.3em 0; } .rule .id { font-weight: bold; }
        tr.hidden { display: none; }
        """;

    // Rows carry their level, area and the verdicts of every column; a filter hides the rows that do not match.
    public const string Script = """
        (function () {
          var level = document.getElementById('filter-level');
          var area = document.getElementById('filter-area');
          var verdict = document.getElementById('filter-verdict');
          var shown = document.getElementById('rows-shown');
          function apply() {
            var rows = document.querySelectorAll('table.matrix tbody tr');
            var count = 0;
            rows.forEach(function (row) {
              var ok = (level.value === '' || row.dataset.level === level.value)
                && (area.value === '' || row.dataset.area === area.value)
                && (verdict.value === '' || (' ' + row.dataset.verdicts + ' ').indexOf(' ' + verdict.value + ' ') >= 0);
              row.classList.toggle('hidden', !ok);
              if (ok) count++;
            });
            shown.textContent = count + ' of ' + rows.length + ' rules shown';
          }
          [level, area, verdict].forEach(function (s) { s.addEventListener('change', apply); });
          document.querySelectorAll('a[href^="#f-"]').forEach(function (a) {
            a.addEventListener('click', function () {
              var target = document.getElementById(a.getAttribute('href').substring(1));
              if (target && target.tagName === 'DETAILS') target.open = true;
            });
          });
          apply();
        })();
        """;
}
