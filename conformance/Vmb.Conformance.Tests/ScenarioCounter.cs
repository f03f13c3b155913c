namespace Vmb.Conformance.Tests;

/// <summary>Counts the scenarios the test run generates (printed by the suite tests; the issue asks for ≥ 10,000 per test run).</summary>
public static class ScenarioCounter
{
    private static long _total;

    public static long Total => Interlocked.Read(ref _total);

    public static void Add(long scenarios) => Interlocked.Add(ref _total, scenarios);
}
