namespace Vmb.Kmcl.Tests;

/// <summary>The per-slot ledger and token layout behind the value handle (D32), without a channel.</summary>
public class PresentationLedgerTests
{
    [Fact]
    public void Tokens_carry_slot_and_generation_and_token_0_names_nothing()
    {
        var token = PacketToken.Make(PacketToken.MaxSlots - 1, PacketToken.MaxGeneration);
        Assert.Equal(PacketToken.MaxSlots - 1, PacketToken.Slot(token));
        Assert.Equal(PacketToken.MaxGeneration, PacketToken.Generation(token));
        Assert.Equal(0, PacketToken.Slot(PacketToken.Make(0, 1)));
        Assert.Equal(1UL, PacketToken.Generation(PacketToken.Make(0, 1)));
        Assert.Equal(HandleStanding.Unknown, new PresentationLedger().Standing(PacketToken.Generation(0)));
    }

    [Fact]
    public void Each_presentation_takes_a_new_generation_and_keeps_how_it_ended()
    {
        var ledger = new PresentationLedger();
        var deferred = ledger.Begin(thread: 5);
        Assert.Equal(HandleStanding.Live, ledger.Standing(deferred));
        Assert.True(ledger.InCallbackOn(deferred, 5));
        ledger.CallbackThread = 0;
        ledger.End(HandleStanding.Superseded);
        var answered = ledger.Begin(thread: 5);
        Assert.NotEqual(deferred, answered);
        ledger.End(HandleStanding.Answered);
        var next = ledger.Begin(thread: 5); // the slot carries the next packet
        Assert.Equal(HandleStanding.Superseded, ledger.Standing(deferred));
        Assert.Equal(HandleStanding.Answered, ledger.Standing(answered));
        Assert.Equal(HandleStanding.Live, ledger.Standing(next));
        Assert.False(ledger.InCallbackOn(answered, 5)); // an older presentation's callback is over
        Assert.Equal(HandleStanding.Unknown, ledger.Standing(next + 1));
    }

    [Fact]
    public void Endings_are_exact_for_Depth_presentations_then_forgotten()
    {
        var ledger = new PresentationLedger();
        var superseded = ledger.Begin(1);
        ledger.End(HandleStanding.Superseded);
        for (var i = 0; i < PresentationLedger.Depth; i++)
        {
            ledger.Begin(1);
            ledger.End(HandleStanding.Answered);
            Assert.Equal(HandleStanding.Superseded, ledger.Standing(superseded));
        }
        ledger.Begin(1);
        Assert.Equal(HandleStanding.Forgotten, ledger.Standing(superseded));
    }

    [Fact]
    public void A_slot_retires_2_to_the_20_generations_before_its_last_and_never_issues_past_it()
    {
        const ulong margin = 1UL << 20;
        var ledger = new PresentationLedger(PacketToken.MaxGeneration - margin - 1);
        Assert.False(ledger.Exhausted);
        ledger.Begin(1);
        Assert.True(ledger.Exhausted); // the packet in the slot may still be presented again, up to the margin
        ledger.End(HandleStanding.Superseded);

        var last = new PresentationLedger(PacketToken.MaxGeneration - 1);
        Assert.Equal(PacketToken.MaxGeneration, last.Begin(1));
        last.End(HandleStanding.Answered);
        Assert.Throws<InvalidOperationException>(() => last.Begin(1)); // a token past it would wrap into the slot bits
    }

    [Fact]
    public void A_slot_presents_one_packet_at_a_time()
    {
        var ledger = new PresentationLedger();
        ledger.Begin(1);
        Assert.Throws<InvalidOperationException>(() => ledger.Begin(1));
    }
}
