namespace Vmb.Conformance.Rings.Checks;

/// <summary>Every ring-level check, one per requirement ID.</summary>
internal static class RingCheckRegistry
{
    /// <summary>A fresh list of all ring checks.</summary>
    public static IReadOnlyList<RingCheck> All() =>
    [
        new NoAbortRingCheck(), new ControlLayoutUntouchedCheck(), new IndicesValidCheck(), new OwnFieldsOnlyCheck(), new EmptyIffIndicesEqualCheck(),
        new NeverFillsRingCheck(), new WrapRoundTripCheck(), new PublishOnlyOnCommitCheck(), new FreshRingCheck(), new AttachValidatesCheck(), new InitialMaskIgnoredCheck(),
        new FramesLandOnWriteIndexCheck(), new DescriptorFieldsCheck(), new Offset8ExactCheck(), new Len8ExactCheck(),
        new PayloadExtentCheck(), new RingTrailerCheck(), new LargestPacketCheck(),
        new NewDataSignalCheck(), new MaskProtocolCheck(), new PendingSendSizeCheck(), new RingRoomSignalCheck(), new MaskDoesNotGateRoomCheck(),
        new CorruptIndexRejectedCheck(), new TruncatedRejectedCheck(), new Offset8RejectedCheck(), new Len8RejectedCheck(),
        new PastWriteIndexRejectedCheck(), new FlagsRejectedCheck(), new TypeRejectedCheck(), new RangesRejectedCheck(),
        new RejectionStableCheck(), new RejectionNamesRuleCheck(), new TrailerIgnoredCheck(), new PrivateReadIndexCheck(), new TooSmallNotConsumedCheck(), new LoadedReadIndexValidatedCheck(),
        new SingleFetchCheck(),
    ];
}
