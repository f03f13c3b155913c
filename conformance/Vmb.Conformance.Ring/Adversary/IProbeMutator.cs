namespace Vmb.Conformance.Rings;

/// <summary>
/// The adversary of a probe (D15) as the driver uses it: armed with published <see cref="SwitchedPacket"/>s before a
/// read, released before anything else, and asked to let go of bytes the harness is about to write. Two shapes: the harness's
/// thread while it waits for a remote reader's answer (<see cref="WaitingMutator"/>), and a thread of its own
/// (<see cref="MutatorThread"/>) wherever the waits cannot do the switching: a reader on the harness's own thread, a
/// testee on the pipes, and the waiting mutator's fall-back. Either records nothing: the driver
/// records what the reader returned and how many switches the read saw, the checks judge it.
/// </summary>
internal interface IProbeMutator : IDisposable
{
    /// <summary>Version switches made so far.</summary>
    long Switches { get; }

    /// <summary>Starts switching the versions of <paramref name="packets"/> for the read that follows.</summary>
    void Arm(SwitchedPacket[] packets);

    /// <summary>Before a read with nothing new to arm: the bytes armed before go on moving for it.</summary>
    void AwaitSwitching();

    /// <summary>Stops switching.</summary>
    void Release();

    /// <summary>Returns once nothing stores into the <paramref name="length"/> bytes at <paramref name="offset"/> any more, which the harness is about to write.</summary>
    void LetGo(int offset, int length);
}
