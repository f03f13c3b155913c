namespace Vmb.Conformance.Rings;

/// <summary>
/// The adversary of a probe (D15) as the driver uses it: armed with published <see cref="SwitchedPacket"/>s before a
/// read, released before anything else, and asked to let go of bytes the harness is about to write. Two shapes: a thread
/// of its own (<see cref="MutatorThread"/>, for an implementation that reads on the harness's thread) and the harness's
/// thread while it waits for a remote reader's answer (<see cref="WaitingMutator"/>). Either records nothing: the driver
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
