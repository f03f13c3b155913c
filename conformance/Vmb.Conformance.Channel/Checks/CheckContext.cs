using Vmb.Conformance.Driver;
using Vmb.Conformance.Engine;
using Vmb.Conformance.Scenarios;
using Vmb.Conformance.Tracing;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Conformance.Checks;

/// <summary>A run plus the facts several checks derive from it, computed once.</summary>
public sealed class CheckContext
{
    private readonly Lazy<IReadOnlyList<PresentationBegun>> _presentations;
    private readonly Lazy<bool> _intakeMayStop;
    private readonly Lazy<Dictionary<int, PresentationEvent>> _firstAnswers;

    // Events by kind, each list made on first use: ninety checks ask for the same few kinds of every run.
    private readonly Dictionary<Type, object> _byKind = new();

    /// <summary>Wraps a run.</summary>
    public CheckContext(RunRecord run)
    {
        Run = run;
        Packets = run.Scenario.Packets.ToArray();
        _presentations = new(() => Of<PresentationBegun>().ToArray());
        _intakeMayStop = new(ComputeIntakeMayStop);
        _firstAnswers = new(ComputeFirstAnswers);
    }

    /// <summary>The run.</summary>
    public RunRecord Run { get; }

    /// <summary>The trace.</summary>
    public IReadOnlyList<TraceEvent> Events => Run.Events;

    /// <summary>The scenario.</summary>
    public Scenario Scenario => Run.Scenario;

    /// <summary>The implementation's declaration.</summary>
    public ImplementationInfo Info => Run.Implementation;

    /// <summary>The scenario's packets by index.</summary>
    public IReadOnlyList<WritePacketStep> Packets { get; }

    /// <summary>Every PresentationBegun event.</summary>
    public IReadOnlyList<PresentationBegun> Presentations => _presentations.Value;

    /// <summary>The run finished every step and the final phase.</summary>
    public bool Finished => Run.Outcome == RunOutcome.Completed;

    /// <summary>
    /// A Fail, a malformed packet, a peer close or a cancel packet the implementation does not understand
    /// may legitimately end intake (D10); liveness is judged only on runs without any.
    /// </summary>
    public bool IntakeMayStop => _intakeMayStop.Value;

    /// <summary>Liveness rules can be judged: the run finished and intake had no reason to stop.</summary>
    public bool LivenessJudgeable => Finished && !IntakeMayStop;

    /// <summary>Events of one kind, in trace order.</summary>
    public IReadOnlyList<T> Of<T>() where T : class
    {
        lock (_byKind)
        {
            if (_byKind.TryGetValue(typeof(T), out var kind)) return (T[])kind;
            var events = Events.OfType<T>().ToArray();
            _byKind[typeof(T)] = events;
            return events;
        }
    }

    /// <summary>Indices of packets published on the incoming ring.</summary>
    public IEnumerable<int> WrittenPackets => Of<PacketWritten>().Select(e => e.Packet);

    /// <summary>The first final answer (Completed or Failed event) of a packet, if any.</summary>
    public PresentationEvent? FirstAnswer(int packet) => _firstAnswers.Value.GetValueOrDefault(packet);

    /// <summary>The Complete call of <paramref name="answer"/> if the implementation refused it (the next call on that handle threw, and it was that Complete).</summary>
    public CallThrew? RefusedComplete(PacketCompleted answer) =>
        Events.Skip(answer.Index + 1).OfType<CallThrew>().FirstOrDefault(e => e.Handle == answer.Handle) is { Call: Subject.Complete } refused ? refused : null;

    /// <summary>Outgoing completion packets seen on the wire.</summary>
    public IEnumerable<OutgoingPacketRead> OutgoingPackets => Of<OutgoingPacketRead>();

    /// <summary>True when the scenario (as run) configured passive processing.</summary>
    public bool PassiveMode => Scenario.Options.PassiveProcessing;

    /// <summary>Highest IRQL a packet callback may see.</summary>
    public static Irql CallbackCeiling => Irql.Dispatch;

    private Dictionary<int, PresentationEvent> ComputeFirstAnswers()
    {
        var first = new Dictionary<int, PresentationEvent>();
        foreach (var e in Of<PresentationEvent>())
            if (e is PacketCompleted or PacketFailed) first.TryAdd(e.Packet, e);
        return first;
    }

    private bool ComputeIntakeMayStop()
    {
        if (Events.Any(e => e is PacketFailed or IntakeStopped)) return true;
        if (Scenario.Steps.Any(s => s is PeerCloseStep) || Scenario.Options.OpenedFails) return true;
        foreach (var index in WrittenPackets)
        {
            var kind = Packets[index].Kind;
            if (kind == PacketKind.Malformed) return true;
            if (kind == PacketKind.Cancel && !Info.Has(ChannelCapabilities.CancelPackets)) return true;
        }
        return false;
    }
}
