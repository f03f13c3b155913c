using Vmb.Conformance.Checks.Completion;
using Vmb.Conformance.Checks.Contexts;
using Vmb.Conformance.Checks.Defer;
using Vmb.Conformance.Checks.ExternalData;
using Vmb.Conformance.Checks.Informational;
using Vmb.Conformance.Checks.Lifecycle;
using Vmb.Conformance.Checks.Misuse;
using Vmb.Conformance.Checks.Presentation;
using Vmb.Conformance.Checks.Quota;
using Vmb.Conformance.Checks.Ring;

namespace Vmb.Conformance.Checks;

/// <summary>Every check the engine has, one per requirement ID; the three design-card invariants first.</summary>
internal static class CheckRegistry
{
    /// <summary>A fresh list of all checks.</summary>
    public static IReadOnlyList<RequirementCheck> All() =>
    [
        // completed exactly once
        new ExactlyOneAnswerCheck(), new CompletionPacketPerRequestCheck(),
        // lengths exclude headers
        new PayloadOnlyCheck(), new LengthMatchesBufferCheck(), new RawPaddedLengthCheck(), new PipeFramingCheck(),
        // external data only when flagged
        new FlaggedMeansRetrievableCheck(), new ExternalFlagByTypeCheck(), new TransferPageFlagCheck(), new UnflaggedRefusedCheck(),
        // every other MUST
        new CompletionPayloadCheck(), new CompletionFormatCheck(), new CompletionNeverLostCheck(), new CompleteAtDispatchCheck(),
        new DescriptorTrailerCheck(), new FailStopsIntakeCheck(), new CompletionHeaderCheck(), new CompletionOnlyWhenRequestedCheck(),
        new CompletionFlagBitsCheck(), new HandlePerPacketCheck(), new ReturnIsNotAnAnswerCheck(), new AnswerRestartsIntakeCheck(),
        new DefinedFlagsOnlyCheck(), new ChannelArgumentCheck(), new CallbackIrqlCeilingCheck(), new ProcessingCompleteIrqlCheck(),
        new EveryPacketPresentedCheck(), new RingOrderCheck(), new NonDataNeverPresentedCheck(), new MalformedNeverPresentedCheck(),
        new ProcessingCompleteCountCheck(), new ProcessingCompleteAfterReturnCheck(),
        new SuccessMeansViewCheck(), new ViewMatchesRangesCheck(), new PendingRepresentedCheck(), new PendingSamePacketCheck(), new PipeNoExternalDataCheck(),
        new DeferRepresentsAtPassiveCheck(), new DeferIsNotAnAnswerCheck(), new DeferSamePacketCheck(),
        new PassiveModeCheck(), new StateCallbacksPassiveCheck(), new BringUpOrderCheck(), new NoPresentationBeforeStartedCheck(),
        new NoPresentationWhileSuspendedCheck(), new SuspendNeverOverlapsCheck(), new StartedSuspendAlternateCheck(), new InitAfterEnableRefusedCheck(), new InitWhileDisabledCheck(), new NullCallbackRefusedCheck(), new LastRegistrationWinsCheck(),
        new NoAbortCheck(), new QueuedWorkEndsCheck(), new PauseWaitsCheck(), new PausedBeforeEnableCheck(), new FailedOpenedNoTrafficCheck(), new PausedPacketsNotLostCheck(), new StartSequenceCheck(), new DisableWaitsCheck(),
        new QuotaCapsOutstandingCheck(), new LoweredQuotaWaitsCheck(), new QuotaChangeDoesNotWakeCheck(),
        new ExContextCheck(), new ClientContextSizeCheck(), new ClientContextStableCheck(),
        new RoomSignalCheck(), new CompletionSignalCheck(), new SignalsAreHintsCheck(), new MalformedReportedCheck(), new ViewAccessModeCheck(), new ErrorMeansNoViewCheck(),
        // SHOULD
        new CompletionPaddingZeroCheck(),
        // MAY
        new LaterAnswerAcceptedCheck(), new AnyThreadAnswerCheck(), new NoProcessingCompleteCallbackCheck(), new AnswersDuringPauseCheck(),
        // informational
        new FailReplyObservation(), new EmptyPayloadObservation(), new DeferHandleObservation(), new QuotaRepresentationObservation(),
        new ReadOnlyWriteObservation(), new ReentrancyObservation(),
        // MAY: misuse detection
        .. MisuseDetectionCheck.All(),
        // reader rules, seen through the channel
        .. MalformedRejectedCheck.All(),
    ];
}
