using Vmb.Spec.Environment;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Memory;
using Vmb.Spec.Spi;

namespace Vmb.Kmcl;

/// <summary>
/// The reference VMBCHANNEL. One lock guards all channel state and client callbacks are never invoked
/// while it is held, because clients answer inline and re-enter; the one exception, an inline Complete that
/// claims its packet without the lock, is carried out at the start of the next critical section. Every callback runs on a single
/// serial worker per channel (at most one work item queued or running), so packet and state callbacks
/// never overlap (R-SYNC-3, R-SYNC-4) and at most one drain runs at a time. The partial files split the
/// channel by job: configuration (this file), lifecycle, the worker, intake, re-presentation, answers, and the inline answer.
/// </summary>
public sealed partial class KmclChannel : IVmbChannel
{
    private readonly ChannelGate _gate = new();
    private readonly KmclOptions _options;
    private readonly IExecutionEnvironment _env;
    private readonly IChannelObserver _observer;
    private readonly IGuestMemory _memory;
    private readonly Action _signalPeer;
    private readonly PeerDoorbell _doorbell = new();
    private readonly IRingReader? _reader;
    private readonly RingError? _attachError;
    private readonly CompletionQueue _completions;

    private ProcessPacketCallback? _processPacket;
    private ProcessPacketExCallback? _processPacketEx;
    private ProcessingCompleteCallback? _processingComplete;
    private ProcessingCompleteExCallback? _processingCompleteEx;
    private object? _callbackContext;
    private StateChangeCallbacks _stateCallbacks = new();
    private int _clientContextSize;
    private readonly Dictionary<ushort, ulong[]> _transferPageSets = new();

    private bool _passiveMode;
    private uint _quota = uint.MaxValue;

    internal KmclChannel(ChannelSetup setup, KmclOptions options, IRingImplementation ring)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _options = options;
        _env = setup.Environment ?? throw new ArgumentException("setup has no environment", nameof(setup));
        _observer = setup.Observer ?? NullChannelObserver.Instance;
        _memory = setup.GuestMemory ?? throw new ArgumentException("setup has no guest memory", nameof(setup));
        _signalPeer = setup.SignalPeer ?? throw new ArgumentException("setup has no peer signal", nameof(setup));
        try { _reader = ring.CreateReader(setup.IncomingRing, _doorbell.Ring); }
        catch (RingFormatException e) { _attachError = e.Error; }
        var writer = ring.CreateWriter(setup.OutgoingRing, options.InitializeOutgoingRing, _doorbell.Ring);
        var outgoingData = RingLayout.DataArea(setup.OutgoingRing).Length;
        _completions = new CompletionQueue(writer, Spec.Wire.WireConstants.MaxTotalForRing(outgoingData), _doorbell);
        _dispatchWork = RunWorker;
        _passiveWork = RunWorker;
    }

    /// <inheritdoc />
    public int InitSetProcessPacketCallbacks(ProcessPacketCallback? processPacket, ProcessingCompleteCallback? processingComplete)
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (processPacket is null) return NtStatus.InvalidParameter2;
            // Legacy and Ex registrations exclude each other; the last one wins (R-CTX-2).
            _processPacket = processPacket;
            _processingComplete = processingComplete;
            _processPacketEx = null;
            _processingCompleteEx = null;
            _callbackContext = null;
            return NtStatus.Success;
        }
    }

    /// <inheritdoc />
    public int InitSetProcessPacketCallbacksEx(object? callbackContext, ProcessPacketExCallback? processPacket, ProcessingCompleteExCallback? processingComplete)
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (processPacket is null) return NtStatus.InvalidParameter3;
            _processPacketEx = processPacket;
            _processingCompleteEx = processingComplete;
            _callbackContext = callbackContext;
            _processPacket = null;
            _processingComplete = null;
            return NtStatus.Success;
        }
    }

    /// <inheritdoc />
    public int InitSetClientContextSize(uint contextSize)
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (contextSize > MaxClientContextSize) return NtStatus.InvalidParameter2;
            _clientContextSize = (int)contextSize;
            return NtStatus.Success;
        }
    }

    /// <summary>Largest client context the reference attaches to a packet.</summary>
    public const uint MaxClientContextSize = 64 * 1024;

    /// <inheritdoc />
    public int InitSetStateChangeCallbacks(StateChangeCallbacks callbacks)
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (callbacks is null) return NtStatus.InvalidParameter2;
            _stateCallbacks = callbacks;
            return NtStatus.Success;
        }
    }

    /// <inheritdoc />
    public int InitSetTransferPageSet(ushort pageSetId, IReadOnlyList<ulong> pageNumbers)
    {
        using (Enter())
        {
            if (_enabled) return NtStatus.InvalidParameter1;
            if (pageNumbers is null || pageNumbers.Count == 0) return NtStatus.InvalidParameter3;
            _transferPageSets[pageSetId] = pageNumbers.ToArray();
            return NtStatus.Success;
        }
    }

    /// <inheritdoc />
    public void SetIncomingProcessingAtPassive(bool requirePassive)
    {
        // Takes effect at the next presentation: a dispatch-level run ends and continues on a worker (R-PAS-1).
        using (Enter()) _passiveMode = requirePassive;
    }

    /// <inheritdoc />
    public void SetTransactionQuota(uint quota)
    {
        if (quota == 0)
        {
            // Refused: the quota stays as it was (R-QUO-1); reported, not thrown, as the call returns nothing.
            _observer.MisuseDetected(MisuseIds.ZeroQuota, "SetTransactionQuota(0) refused; the quota is unchanged");
            return;
        }
        // Deliberately no Schedule(): a quota change never wakes intake by itself (R-QUO-4).
        using (Enter()) _quota = quota;
    }

    /// <summary>Packets presented and not yet answered (R-QUO-2); for tests and diagnostics.</summary>
    internal int Outstanding { get { using (Enter()) return _outstanding; } }

    /// <summary>Completions waiting for room on the outgoing ring (R-CMPL-8).</summary>
    internal int CompletionsWaiting { get { using (Enter()) return _completions.Waiting; } }

    private ContractViolationException Misuse(string id, string detail)
    {
        _observer.MisuseDetected(id, detail);
        return new ContractViolationException(id, detail);
    }

    private static int CurrentThread => ThreadIdentity.Current;
}
