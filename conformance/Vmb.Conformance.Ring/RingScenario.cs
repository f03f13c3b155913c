using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vmb.Spec.Wire;

namespace Vmb.Conformance.Rings;

/// <summary>Which side of the ring the implementation plays; the harness plays the other.</summary>
public enum RingRole
{
    /// <summary>The implementation's writer fills the ring; the harness reads it with its own code.</summary>
    Writer,

    /// <summary>The harness writes raw bytes as the peer writer; the implementation's reader drains them.</summary>
    Reader,
}

/// <summary>How the implementation attaches to the ring.</summary>
public enum RingAttach
{
    /// <summary>To a ring in use, W = R = the start index (R-RING-13).</summary>
    Existing,

    /// <summary>Writer role: creates the ring fresh over a dirty control page (R-RING-12); the start index is then 0.</summary>
    Fresh,

    /// <summary>To a ring whose read_index is corrupt; attaching must fail with a ring format error (R-RING-13, R-MAL-1). No operations run.</summary>
    CorruptIndex,
}

/// <summary>One operation of a ring scenario; who performs it depends on the role.</summary>
public enum RingOpKind
{
    /// <summary>Writer role: the implementation stages a packet. Reader role: the harness writes and publishes one.</summary>
    Write,

    /// <summary>The implementation publishes its staged work (writer or reader).</summary>
    Commit,

    /// <summary>The implementation drops its staged work.</summary>
    Revert,

    /// <summary>Writer role: the harness reads one packet and publishes R. Reader role: the implementation reads one.</summary>
    Read,

    /// <summary>interrupt_mask set (by the harness in writer role, the implementation in reader role).</summary>
    Mask,

    /// <summary>interrupt_mask cleared (likewise).</summary>
    Unmask,

    /// <summary>Reader role only: the peer writer stores <see cref="RingOp.Pending"/> into pending_send_size.</summary>
    SetPending,

    /// <summary>Reader role only: the peer scribbles on the shared read_index (R-MAL-12).</summary>
    ClobberReadIndex,

    /// <summary>Writer role only: the peer reader publishes a corrupt read_index until its next read (R-MAL-15).</summary>
    CorruptReadIndex,
}

/// <summary>How the harness, as the peer writer, spoils a packet or the indices (ring-format §5).</summary>
public enum RingFault
{
    /// <summary>Well formed.</summary>
    None,

    /// <summary>W published not below S or not a multiple of 8 (R-MAL-1).</summary>
    CorruptWriteIndex,

    /// <summary>W advanced by 8 or 16 bytes only (R-MAL-2).</summary>
    Truncated,

    /// <summary>offset8 below 2 (R-MAL-3).</summary>
    Offset8BelowTwo,

    /// <summary>len8 below offset8 (R-MAL-4).</summary>
    Len8BelowOffset8,

    /// <summary>W published before the trailer (R-MAL-5).</summary>
    MissingTrailer,

    /// <summary>A flag bit other than bit 0 (R-MAL-6).</summary>
    UndefinedFlag,

    /// <summary>A type outside {6, 7, 9, 11} and not cancel (R-MAL-7).</summary>
    UnknownType,

    /// <summary>Type 7 with offset8 = 2 (R-MAL-8).</summary>
    RangeTypeShortOffset,

    /// <summary>Type 9 with no ranges (R-MAL-8).</summary>
    GpaWithoutRanges,

    /// <summary>Well formed, but padding bytes are not zero (R-DESC-16: readers must not care).</summary>
    GarbagePadding,

    /// <summary>Well formed, but the trailer holds a wrong value (R-MAL-11: readers must not care).</summary>
    WrongTrailer,
}

/// <summary>
/// One operation. Fields a kind does not use keep their defaults (and are left out of the JSON).
/// Payload and header bytes are derived from the transaction id, so a scenario stays short.
/// </summary>
public sealed record RingOp
{
    /// <summary>What happens.</summary>
    public RingOpKind Kind { get; init; }

    /// <summary>Packet type of a write.</summary>
    public PacketType Type { get; init; } = PacketType.InBand;

    /// <summary>Ranges in the type header of a type-7 or type-9 write.</summary>
    public int Ranges { get; init; }

    /// <summary>Unpadded payload bytes of a write.</summary>
    public int Payload { get; init; }

    /// <summary>Flag bit 0 of a write.</summary>
    public bool Completion { get; init; }

    /// <summary>Transaction id of a write.</summary>
    public ulong Tid { get; init; }

    /// <summary>Destination bytes of an implementation read; 0 means "large enough for anything".</summary>
    public int Destination { get; init; }

    /// <summary>Value of a <see cref="RingOpKind.SetPending"/> or <see cref="RingOpKind.ClobberReadIndex"/>.</summary>
    public uint Pending { get; init; }

    /// <summary>
    /// When set, the write's payload is chosen when it runs so that its total is the free space minus
    /// Slack × 8: 0 exactly fills the ring (a writer must refuse it, R-RING-7), 1 is the largest packet that fits.
    /// </summary>
    public int? Slack { get; init; }

    /// <summary>How a reader-role write is spoiled.</summary>
    public RingFault Fault { get; init; }

    /// <summary>
    /// Adversarial probes only (<see cref="RingScenario.Mutator"/>): when non-zero, the reader-role write is published
    /// in a second version too, its first packet cut to this len8 and followed by a filler packet over the same bytes;
    /// the mutator switches between the two while the reader reads (D15, <see cref="SwitchedPacket"/>).
    /// </summary>
    public int Split { get; init; }

    /// <summary>One line for a person.</summary>
    public override string ToString() => Kind switch
    {
        RingOpKind.Write => $"write {Type} ranges={Ranges} {(Slack is { } k ? $"payload sized to total = free - {8 * k}" : $"payload={Payload}")}{(Completion ? " completion-requested" : "")} tid={Tid}{(Fault == RingFault.None ? "" : $" fault={Fault}")}{(Split == 0 ? "" : $" switched with a split at len8={Split}")}",
        RingOpKind.Read => Destination == 0 ? "read" : $"read into {Destination} bytes",
        RingOpKind.SetPending => $"peer sets pending_send_size = {Pending}",
        RingOpKind.ClobberReadIndex => $"peer stores {Pending} into read_index",
        RingOpKind.CorruptReadIndex => "peer publishes a corrupt read_index",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// One ring-level run: data-area size S (a multiple of 4096), the index both W and R start at (so wrap-around is
/// common), the implementation's role and the operations in order.
/// </summary>
/// <param name="Role">Which side the implementation plays.</param>
/// <param name="DataSize">S in bytes.</param>
/// <param name="StartIndex">Initial W = R, a multiple of 8 below S.</param>
/// <param name="Ops">The operations.</param>
public sealed record RingScenario(RingRole Role, int DataSize, int StartIndex, IReadOnlyList<RingOp> Ops)
{
    /// <summary>How the implementation attaches (default: to a ring in use).</summary>
    public RingAttach Attach { get; init; }

    /// <summary>Reader role: interrupt_mask is already set when the reader attaches (R-RING-14: it must not care).</summary>
    public bool InitiallyMasked { get; init; }

    /// <summary>
    /// Non-null for an adversarial-memory probe (D15): the operations run up to <see cref="RingMutator.Rounds"/> times in
    /// a row, and a mutator thread seeded with <see cref="RingMutator.Seed"/> switches each split write between its two
    /// versions while the reader reads it. Only the checks of the rules the mutator makes observable judge such a run.
    /// </summary>
    public RingMutator? Mutator { get; init; }

    /// <summary>The operations as driven: <see cref="Ops"/>, repeated <see cref="RingMutator.Rounds"/> times in a probe.</summary>
    [JsonIgnore]
    public IReadOnlyList<RingOp> DrivenOps => Mutator is { } m ? Enumerable.Repeat(Ops, Math.Max(1, m.Rounds)).SelectMany(o => o).ToArray() : Ops;

    /// <summary>Where W and R stand once the implementation has attached.</summary>
    [JsonIgnore]
    public int EffectiveStart => Attach == RingAttach.Fresh ? 0 : StartIndex;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes in the scenario (one round of a probe).</summary>
    [JsonIgnore]
    public int WriteCount => Ops.Count(o => o.Kind == RingOpKind.Write);

    /// <summary>One-line JSON, what a replay line carries.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/>'s output; a clear error on bad input.</summary>
    public static RingScenario FromJson(string json)
    {
        RingScenario? scenario;
        try { scenario = JsonSerializer.Deserialize<RingScenario>(json, Json); }
        catch (JsonException e) { throw new ArgumentException($"ring scenario JSON is not valid: {e.Message}", nameof(json)); }
        if (scenario is null || scenario.Ops is null) throw new ArgumentException("ring scenario JSON has no ops", nameof(json));
        if (Vmb.Spec.Memory.RingLayout.CheckDataSize(scenario.DataSize) is { } why) throw new ArgumentException($"ring scenario DataSize: {why}", nameof(json));
        if (scenario.StartIndex < 0 || scenario.StartIndex >= scenario.DataSize || scenario.StartIndex % WireConstants.Alignment != 0)
            throw new ArgumentException($"ring scenario StartIndex {scenario.StartIndex} is not an 8-aligned offset below {scenario.DataSize}", nameof(json));
        if (scenario.Mutator is { Rounds: < 1 or > RingMutator.MaxRounds })
            throw new ArgumentException($"ring scenario Mutator.Rounds {scenario.Mutator.Rounds} is not between 1 and {RingMutator.MaxRounds}", nameof(json));
        if (scenario.Mutator is { } probe && (scenario.Role != RingRole.Reader || probe.RacedReads < 0))
            throw new ArgumentException("ring scenario Mutator: a probe is a reader-role scenario, and RacedReads is not negative", nameof(json));
        return scenario;
    }

    /// <summary>The scenario for a person: header line, then one numbered line per operation.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"implementation's {Role.ToString().ToLowerInvariant()}, S = {DataSize}, W = R = {StartIndex} at start");
        if (Attach != RingAttach.Existing) text.Append($", attach {Attach}");
        if (InitiallyMasked) text.Append(", interrupt_mask set at start");
        if (Mutator is { } m) text.Append($", adversarial probe: up to {m.Rounds} rounds{(m.RacedReads > 0 ? $", until {m.RacedReads} reads raced the mutator" : "")}, mutator seed {m.Seed}");
        for (var i = 0; i < Ops.Count; i++) text.Append(Environment.NewLine).Append($"  {i,3}. {Ops[i]}");
        return text.ToString();
    }
}
