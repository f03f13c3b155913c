namespace Vmb.Conformance.Suite.Tests.Testee;

/// <summary>
/// A fact that needs two processors: it shows a race between two threads or processes, which one processor never runs
/// at once. Skipped, with the reason, where the test process may use only one.
/// </summary>
public sealed class TwoProcessorsFactAttribute : FactAttribute
{
    public TwoProcessorsFactAttribute()
    {
        if (Environment.ProcessorCount < 2)
            Skip = $"needs two processors to race the mutator against the reader; this process may use {Environment.ProcessorCount}";
    }
}
