namespace Vmb.Conformance.Tracing;

/// <summary>Every kind of observable event the driver records.</summary>
public enum TraceKind
{
    /// <summary>A scenario step begins (<see cref="TraceEvent.Step"/>); <see cref="TraceEvent.Detail"/> describes it.</summary>
    StepBegun,

    /// <summary>The endpoint published packet <see cref="TraceEvent.Packet"/> on the incoming ring at <see cref="TraceEvent.Value"/>.</summary>
    PacketWritten,

    /// <summary>The incoming ring had no room for the packet: it waits in the backlog, pending_send_size set.</summary>
    IncomingRingFull,

    /// <summary>The harness rang the channel's doorbell (Signal).</summary>
    SignalSent,

    /// <summary>The implementation rang the endpoint's doorbell (SignalPeer).</summary>
    SignalReceived,

    /// <summary>ProcessPacket was entered: a presentation (handle, packet, IRQL, length, flags, bytes, context).</summary>
    PresentationBegun,

    /// <summary>ProcessPacket returned.</summary>
    PresentationEnded,

    /// <summary>The client completed the packet (<see cref="TraceEvent.Bytes"/> = completion buffer; <see cref="TraceEvent.Flag"/> = inside the callback).</summary>
    Completed,

    /// <summary>The client failed the packet.</summary>
    Failed,

    /// <summary>The client deferred the packet to passive.</summary>
    Deferred,

    /// <summary>GetExternalData returned <see cref="TraceEvent.Status"/>; view bytes in <see cref="TraceEvent.Bytes"/>, guest bytes in <see cref="TraceEvent.Expected"/>.</summary>
    ExternalData,

    /// <summary>The client checked its per-packet context: <see cref="TraceEvent.Flag"/> = intact, <see cref="TraceEvent.Value"/> = its length.</summary>
    ClientContextChecked,

    /// <summary>A call made by the client threw; <see cref="TraceEvent.Id"/> = the ContractViolationException's rule, if any.</summary>
    CallThrew,

    /// <summary>The client made a misuse probe on purpose (<see cref="TraceEvent.Id"/> = the R-MIS rule).</summary>
    MisuseProbed,

    /// <summary>ProcessingComplete(<see cref="TraceEvent.Value"/>) was entered.</summary>
    ProcessingComplete,

    /// <summary>A state-change callback was entered (<see cref="TraceEvent.Detail"/> = its name).</summary>
    StateCallbackBegun,

    /// <summary>A state-change callback returned.</summary>
    StateCallbackEnded,

    /// <summary>The endpoint read a packet from the outgoing ring (type, tid, offsets, payload).</summary>
    OutgoingPacket,

    /// <summary>The outgoing ring held something that is not a valid packet (<see cref="TraceEvent.Detail"/>).</summary>
    OutgoingMalformed,

    /// <summary>The implementation reported misuse to its observer.</summary>
    MisuseReported,

    /// <summary>The implementation reported that intake stopped.</summary>
    IntakeStopped,

    /// <summary>The implementation reported consuming a 0xB/0xA packet.</summary>
    NonDataConsumed,

    /// <summary>A control call (<see cref="TraceEvent.Detail"/> = name) was made, returning <see cref="TraceEvent.Status"/> where it has one.</summary>
    ControlCalled,

    /// <summary>An asynchronous control call's task completed (<see cref="TraceEvent.Flag"/> = faulted).</summary>
    ControlCompleted,

    /// <summary>A guest page became resident.</summary>
    PageMadeResident,

    /// <summary>The implementation threw outside the contract, or something else ended the run early.</summary>
    RunAborted,

    /// <summary>The incoming ring has more room than the pending_send_size the endpoint set, but no room signal came (R-SIG-5).</summary>
    RoomSignalMissing,

    /// <summary>A callback of a registration that a later one replaced was called (R-CTX-2).</summary>
    SupersededCallback,

    /// <summary>The final phase begins: outstanding work is finished and the channel disabled.</summary>
    FinalPhase,
}
