namespace Vmb.Conformance.Tracing;

/// <summary>
/// What a trace event is about, typed, so checks never compare the free text meant for people: the control call
/// the harness made, the client call that threw, the state callback that ran, the superseded callback that was called.
/// </summary>
public enum Subject
{
    /// <summary>No named subject.</summary>
    None,

    // Control calls the harness makes (ControlCalled, ControlCompleted, and CallThrew when one throws).

    /// <summary>The implementation's factory opening the channel.</summary>
    Allocate,

    /// <summary>The peer's doorbell (Signal) after it wrote a packet.</summary>
    Signal,

    /// <summary>A doorbell with nothing new on the ring: signals are hints (R-SIG-10).</summary>
    ExtraSignal,

    /// <summary>A doorbell because the peer made room on the outgoing ring.</summary>
    RoomSignal,

    /// <summary>A guest page became resident and the channel was told.</summary>
    PageResident,

    /// <summary>InitSetProcessPacketCallbacks(Ex) with the client's callbacks.</summary>
    InitSetProcessPacketCallbacks,

    /// <summary>A first registration that the client's later one must replace (R-CTX-2).</summary>
    InitSetProcessPacketCallbacksReplaced,

    /// <summary>InitSetProcessPacketCallbacks with a null callback (R-LIFE-3 probe).</summary>
    NullProcessPacketProbe,

    /// <summary>InitSetClientContextSize.</summary>
    InitSetClientContextSize,

    /// <summary>InitSetStateChangeCallbacks.</summary>
    InitSetStateChangeCallbacks,

    /// <summary>InitSetTransferPageSet; the set's id is the event's value.</summary>
    InitSetTransferPageSet,

    /// <summary>SetIncomingProcessingAtPassive.</summary>
    SetIncomingProcessingAtPassive,

    /// <summary>SetTransactionQuota.</summary>
    SetTransactionQuota,

    /// <summary>Enable.</summary>
    Enable,

    /// <summary>An Init call after Enable (R-LIFE-2 probe).</summary>
    InitAfterEnable,

    /// <summary>Pause.</summary>
    Pause,

    /// <summary>Start.</summary>
    Start,

    /// <summary>A Pause or Start step held back until the running Pause returns.</summary>
    WaitForRunningPause,

    /// <summary>The peer closed the channel.</summary>
    NotifyPeerClosed,

    /// <summary>Disable.</summary>
    Disable,

    // Client calls on a packet or a view (CallThrew).

    /// <summary>Complete, the packet's answer.</summary>
    Complete,

    /// <summary>A second Complete on purpose (misuse probe).</summary>
    CompleteSecond,

    /// <summary>Complete on a stale handle (misuse probe).</summary>
    CompleteStaleHandle,

    /// <summary>Complete after GetExternalData answered PENDING (misuse probe).</summary>
    CompleteAfterPending,

    /// <summary>Fail.</summary>
    Fail,

    /// <summary>DeferToPassive.</summary>
    DeferToPassive,

    /// <summary>DeferToPassive outside the presenting callback (misuse probe).</summary>
    DeferOutsideCallback,

    /// <summary>GetExternalData.</summary>
    GetExternalData,

    /// <summary>GetClientContext.</summary>
    GetClientContext,

    /// <summary>Reading a view.</summary>
    ViewRead,

    /// <summary>Reading a view after the packet was answered (misuse probe).</summary>
    ViewReadDeadView,

    /// <summary>Writing through a writable view.</summary>
    ViewWrite,

    /// <summary>Writing through a read-only view (misuse probe).</summary>
    ViewWriteReadOnly,

    /// <summary>Pause from inside a callback (misuse probe).</summary>
    PauseInCallback,

    // State-change callbacks (StateCallbackBegun, StateCallbackEnded).

    /// <summary>EvtVmbChannelOpened.</summary>
    Opened,

    /// <summary>EvtVmbChannelStarted.</summary>
    Started,

    /// <summary>EvtVmbChannelPostStarted.</summary>
    PostStarted,

    /// <summary>EvtVmbChannelSuspend.</summary>
    Suspend,

    /// <summary>EvtVmbChannelClosed.</summary>
    Closed,

    // Callbacks of a replaced registration (SupersededCallback).

    /// <summary>The legacy ProcessPacket callback.</summary>
    LegacyProcessPacket,

    /// <summary>The legacy ProcessingComplete callback.</summary>
    LegacyProcessingComplete,

    /// <summary>The Ex ProcessPacket callback.</summary>
    ExProcessPacket,

    /// <summary>The Ex ProcessingComplete callback.</summary>
    ExProcessingComplete,
}

/// <summary>Groups of subjects checks ask about.</summary>
public static class Subjects
{
    /// <summary>True for the Init* control calls.</summary>
    public static bool IsInit(this Subject subject) => subject is Subject.InitSetProcessPacketCallbacks or Subject.InitSetProcessPacketCallbacksReplaced
        or Subject.InitSetClientContextSize or Subject.InitSetStateChangeCallbacks or Subject.InitSetTransferPageSet or Subject.InitAfterEnable;
}
