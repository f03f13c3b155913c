using System.Text.Json.Serialization;
using Vmb.Spec.Kmcl;

namespace Vmb.Conformance.Tracing;

/// <summary>
/// One observation the driver recorded. Each kind of observation is its own type carrying only the fields it
/// means; checks match on the type and read those fields, never the text written for people.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(StepBegun), "stepBegun")]
[JsonDerivedType(typeof(PacketWritten), "packetWritten")]
[JsonDerivedType(typeof(IncomingRingFull), "incomingRingFull")]
[JsonDerivedType(typeof(SignalSent), "signalSent")]
[JsonDerivedType(typeof(SignalReceived), "signalReceived")]
[JsonDerivedType(typeof(RoomSignalMissing), "roomSignalMissing")]
[JsonDerivedType(typeof(OutgoingUnsignalled), "outgoingUnsignalled")]
[JsonDerivedType(typeof(OutgoingPacketRead), "outgoingPacketRead")]
[JsonDerivedType(typeof(OutgoingMalformed), "outgoingMalformed")]
[JsonDerivedType(typeof(PresentationBegun), "presentationBegun")]
[JsonDerivedType(typeof(PresentationEnded), "presentationEnded")]
[JsonDerivedType(typeof(PacketCompleted), "packetCompleted")]
[JsonDerivedType(typeof(PacketFailed), "packetFailed")]
[JsonDerivedType(typeof(PacketDeferred), "packetDeferred")]
[JsonDerivedType(typeof(ExternalDataRequested), "externalDataRequested")]
[JsonDerivedType(typeof(ClientContextChecked), "clientContextChecked")]
[JsonDerivedType(typeof(MisuseProbed), "misuseProbed")]
[JsonDerivedType(typeof(CallThrew), "callThrew")]
[JsonDerivedType(typeof(ProcessingCompleteCalled), "processingCompleteCalled")]
[JsonDerivedType(typeof(StateCallbackBegun), "stateCallbackBegun")]
[JsonDerivedType(typeof(StateCallbackEnded), "stateCallbackEnded")]
[JsonDerivedType(typeof(SupersededCallbackCalled), "supersededCallbackCalled")]
[JsonDerivedType(typeof(ControlCalled), "controlCalled")]
[JsonDerivedType(typeof(ControlCompleted), "controlCompleted")]
[JsonDerivedType(typeof(PageMadeResident), "pageMadeResident")]
[JsonDerivedType(typeof(MisuseReported), "misuseReported")]
[JsonDerivedType(typeof(IntakeStopped), "intakeStopped")]
[JsonDerivedType(typeof(NonDataConsumed), "nonDataConsumed")]
[JsonDerivedType(typeof(FinalPhaseBegun), "finalPhaseBegun")]
[JsonDerivedType(typeof(RunAborted), "runAborted")]
public abstract record TraceEvent
{
    /// <summary>Position in the trace.</summary>
    public int Index { get; init; }

    /// <summary>Scenario step during which it happened (-1 before the first, int.MaxValue in the final phase).</summary>
    public int Step { get; init; }

    /// <summary>IRQL of the context the event happened in.</summary>
    public Irql Irql { get; init; }

    /// <summary>Managed thread that recorded the event.</summary>
    public int Thread { get; init; }

    /// <summary>One line for a person.</summary>
    public sealed override string ToString()
    {
        var what = Describe();
        return what.Length == 0 ? $"#{Index} {GetType().Name} irql {Irql}" : $"#{Index} {GetType().Name} irql {Irql} {what}";
    }

    /// <summary>The kind's own fields, for <see cref="ToString"/>.</summary>
    private protected abstract string Describe();
}

/// <summary>An observation about one scenario packet.</summary>
public abstract record PacketEvent : TraceEvent
{
    /// <summary>Scenario packet index (order of write steps), -1 when no scenario packet could be named.</summary>
    public int Packet { get; init; } = -1;

    private protected string PacketText => Packet >= 0 ? $"packet {Packet}" : "packet ?";
}

/// <summary>An observation about a packet handle the implementation presented.</summary>
public abstract record HandleEvent : PacketEvent
{
    /// <summary>Identity of the packet handle (distinct handles get distinct numbers), -1 when none.</summary>
    public int Handle { get; init; } = -1;

    private protected string HandleText => Handle >= 0 ? $"{PacketText} handle {Handle}" : PacketText;
}

/// <summary>An observation made during, or answering, one presentation.</summary>
public abstract record PresentationEvent : HandleEvent
{
    /// <summary>Presentation number (order of ProcessPacket calls), -1 when outside any presentation.</summary>
    public int Presentation { get; init; } = -1;
}
