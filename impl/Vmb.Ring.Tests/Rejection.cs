using Vmb.Spec.Spi;

namespace Vmb.Ring.Tests;

/// <summary>Asserts a strict-reader rejection together with its R-MAL-9 obligations.</summary>
internal static class Rejection
{
    /// <summary>
    /// Reads twice and asserts: Malformed with the given rule, field, ring offset and value; the same error both
    /// times; no shared byte changed; the reader's position unchanged; a following Commit publishes nothing.
    /// </summary>
    public static RingError Assert(TestRing ring, RingReader reader, string rule, string field, long ringOffset, long value)
    {
        var before = ring.Snapshot();
        var position = reader.Position;
        var buffer = new byte[ring.DataSize];

        var first = reader.TryRead(buffer, out var packet, out var error, out var required);
        var second = reader.TryRead(buffer, out _, out var again, out _);

        Xunit.Assert.Equal(RingReadStatus.Malformed, first);
        Xunit.Assert.NotNull(error);
        Xunit.Assert.Equal<(string?, string?, long?, long?)>((rule, field, ringOffset, value), (error.RuleId, error.Field, error.RingOffset, error.Value));
        Xunit.Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Xunit.Assert.Equal(default, packet);
        Xunit.Assert.Equal(0, required);
        Xunit.Assert.Equal(first, second);
        Xunit.Assert.Equal(error, again);
        Xunit.Assert.Equal(position, reader.Position);
        Xunit.Assert.False(reader.Commit());
        Xunit.Assert.Equal(before, ring.Snapshot());
        return error;
    }
}
