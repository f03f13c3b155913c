using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl.Tests.Harness;

/// <summary>One ProcessPacket call as the client saw it.</summary>
internal sealed record Presentation(int Index, VmbPacket Packet, byte[] Buffer, uint BufferLength, uint Flags, Irql Irql, object? Context)
{
    /// <summary>The transaction id the test harness encoded in the first 8 payload bytes (see ChannelHarness.Payload).</summary>
    public ulong Tag => Buffer.Length >= 8 ? BitConverter.ToUInt64(Buffer, 0) : ulong.MaxValue;
}

/// <summary>
/// The client driver: registers callbacks, records every call in order, and applies a policy to each
/// presentation (default: complete inline with no reply). Thread-safe.
/// </summary>
internal sealed class RecordingClient
{
    private readonly Lock _gate = new();
    private readonly IExecutionEnvironment _env;
    private readonly List<Presentation> _presentations = new();
    private readonly List<string> _log = new();
    private readonly List<(uint Count, Irql Irql, object? Context)> _processingComplete = new();
    private int _inCallback;

    public RecordingClient(IExecutionEnvironment env) => _env = env;

    /// <summary>What the client does with each presentation, inside the callback.</summary>
    public Action<IVmbChannel, VmbPacket, Presentation> Policy { get; set; } = (_, p, _) => p.Complete(default);

    /// <summary>Status Opened returns (R-LIFE-5).</summary>
    public int OpenedStatus { get; set; } = NtStatus.Success;

    /// <summary>Called inside each state callback, after it was logged.</summary>
    public Action<string>? OnState { get; set; }

    public IReadOnlyList<Presentation> Presentations { get { lock (_gate) return _presentations.ToArray(); } }

    public IReadOnlyList<string> Log { get { lock (_gate) return _log.ToArray(); } }

    public IReadOnlyList<(uint Count, Irql Irql, object? Context)> ProcessingCompletes { get { lock (_gate) return _processingComplete.ToArray(); } }

    /// <summary>Set when two callbacks of the channel ever overlapped.</summary>
    public bool Overlapped { get; private set; }

    public List<Irql> StateIrqls { get; } = new();

    public void Register(IVmbChannel channel, bool ex = false, object? context = null, bool processingComplete = true)
    {
        var status = ex
            ? channel.InitSetProcessPacketCallbacksEx(context, (ch, ctx, p, b, l, f) => OnPacket(ch, p, b, l, f, ctx),
                processingComplete ? (_, ctx, n) => OnProcessingComplete(n, ctx) : null)
            : channel.InitSetProcessPacketCallbacks((ch, p, b, l, f) => OnPacket(ch, p, b, l, f, null),
                processingComplete ? (_, n) => OnProcessingComplete(n, null) : null);
        Assert.Equal(NtStatus.Success, status);
        Assert.Equal(NtStatus.Success, channel.InitSetStateChangeCallbacks(new StateChangeCallbacks
        {
            Opened = _ => { State("Opened"); return OpenedStatus; },
            Started = _ => State("Started"),
            PostStarted = _ => State("PostStarted"),
            Suspend = _ => State("Suspend"),
            Closed = _ => State("Closed"),
        }));
    }

    private void State(string name)
    {
        Enter();
        lock (_gate) { _log.Add(name); StateIrqls.Add(_env.CurrentIrql); }
        try { OnState?.Invoke(name); }
        finally { Leave(); }
    }

    private void OnPacket(IVmbChannel channel, VmbPacket packet, ReadOnlySpan<byte> buffer, uint length, uint flags, object? context)
    {
        Enter();
        Presentation p;
        lock (_gate)
        {
            p = new Presentation(_presentations.Count, packet, buffer.ToArray(), length, flags, _env.CurrentIrql, context);
            _presentations.Add(p);
            _log.Add("PP");
        }
        try { Policy(channel, packet, p); }
        finally { Leave(); }
    }

    private void OnProcessingComplete(uint count, object? context)
    {
        Enter();
        lock (_gate)
        {
            _processingComplete.Add((count, _env.CurrentIrql, context));
            _log.Add($"PC{count}");
        }
        Leave();
    }

    private void Enter()
    {
        if (Interlocked.Increment(ref _inCallback) != 1) Overlapped = true;
    }

    private void Leave() => Interlocked.Decrement(ref _inCallback);
}
