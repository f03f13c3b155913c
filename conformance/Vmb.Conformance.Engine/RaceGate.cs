namespace Vmb.Conformance.Engine;

/// <summary>
/// Lets a scenario that races threads of its own (<see cref="Level{TScenario,TRun}.RacesThreads"/>) be driven while no
/// other worker is inside the gate, and other scenarios side by side (a worker holds the gate around generating, driving
/// and judging each of them). A racing scenario waiting for the gate holds back new ones, so it never starves. A worker
/// waiting for the gate sleeps rather than spins: the cores are the racing scenario's while it runs.
/// </summary>
internal sealed class RaceGate
{
    // Short enough that a waiting worker notices a stopped stream at once, long enough to cost nothing while waiting.
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    private readonly object _sync = new();
    private int _inside;
    private bool _racing;
    private int _racersWaiting;

    /// <summary>
    /// Waits for the gate, alone when <paramref name="racing"/>, beating while it waits (a wait is not a hang); false,
    /// without the gate, once <paramref name="stopped"/> says the stream stopped: a scenario that hung inside the gate
    /// never leaves it, and the scenarios before it must still be judged.
    /// </summary>
    public bool Enter(bool racing, Action beat, Func<bool> stopped)
    {
        lock (_sync)
        {
            if (racing) _racersWaiting++;
            try
            {
                while (racing ? _racing || _inside > 0 : _racing || _racersWaiting > 0)
                {
                    if (stopped()) return false;
                    Monitor.Wait(_sync, Slice);
                    beat();
                }
                if (racing) _racing = true;
                else _inside++;
                return true;
            }
            finally
            {
                if (racing) _racersWaiting--;
            }
        }
    }

    /// <summary>Leaves the gate after a scenario for which <see cref="Enter"/> returned true.</summary>
    public void Exit(bool racing)
    {
        lock (_sync)
        {
            if (racing) _racing = false;
            else _inside--;
            Monitor.PulseAll(_sync);
        }
    }
}
