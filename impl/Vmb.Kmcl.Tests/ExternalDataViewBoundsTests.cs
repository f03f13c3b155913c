using Vmb.Kmcl.Tests.Harness;
using Vmb.Spec.Kmcl;
using Vmb.Spec.Spi;
using Vmb.Spec.Wire;

namespace Vmb.Kmcl.Tests;

/// <summary>
/// A view reads and writes only inside itself (R-EXT-16): a range that starts or ends outside it is refused before any
/// byte moves, and reads at an offset land on the byte the sender's ranges put there. The suite's client never reaches
/// outside a view, so these bounds are judged here.
/// </summary>
public class ExternalDataViewBoundsTests
{
    private static void WithView(Action<IExternalDataView> use)
    {
        using var h = new ChannelHarness();
        h.AddPages(10, 3);
        h.Client.Policy = (_, p, _) =>
        {
            Assert.Equal(NtStatus.Success, p.GetExternalData(0, out var view));
            use(view!);
            p.Complete(default);
        };
        h.Open();
        h.SendGpaDirect([new GpaRange(100, 4090, [10, 11]), new GpaRange(50, 0, [12])], ChannelHarness.Payload(1, 8));
        h.Deliver();
        Assert.Single(h.Client.Presentations);
    }

    [Fact]
    public void R_EXT_16_MUST_a_read_or_write_reaching_outside_the_view_is_refused_and_moves_no_byte()
    {
        WithView(view =>
        {
            Assert.Equal(150, view.Length);
            var before = new byte[150];
            view.Read(0, before);
            foreach (var (offset, count) in new[] { (-1L, 1), (151L, 0), (150L, 1), (149L, 2), (0L, 151) })
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => view.Read(offset, new byte[count]));
                Assert.Throws<ArgumentOutOfRangeException>(() => view.Write(offset, new byte[count]));
            }
            var after = new byte[150];
            view.Read(0, after);
            Assert.Equal(before, after);
        });
    }

    [Fact]
    public void R_EXT_16_MUST_reads_and_writes_up_to_the_last_byte_land_where_the_ranges_put_them()
    {
        WithView(view =>
        {
            var all = new byte[150];
            view.Read(0, all);
            // Across the page boundary inside the first range (its byte 6 is the first of page 11), across the
            // boundary between the two ranges (byte 100), the last byte, and nothing at the very end.
            foreach (var (offset, count) in new[] { (4L, 4), (98L, 4), (149L, 1), (150L, 0) })
            {
                var part = new byte[count];
                view.Read(offset, part);
                Assert.Equal(all.AsSpan((int)offset, count).ToArray(), part);
            }
            view.Write(149, [0x5A]);
            var last = new byte[1];
            view.Read(149, last);
            Assert.Equal(0x5A, last[0]);
            view.Write(98, [1, 2, 3, 4]);
            var across = new byte[4];
            view.Read(98, across);
            Assert.Equal([1, 2, 3, 4], across);
        });
    }
}
