using Vmb.Conformance.Scenarios;

namespace Vmb.Conformance.Generation;

/// <summary>The guest pages every generated scenario owns: a GPA pool and one transfer page set.</summary>
internal static class GuestPool
{
    /// <summary>Pages GPA-direct ranges are drawn from.</summary>
    public static readonly ulong[] GpaPages = Enumerable.Range(0x100, 12).Select(p => (ulong)p).ToArray();

    /// <summary>The transfer page set's id.</summary>
    public const ushort PageSetId = 3;

    /// <summary>The transfer page set's pages (16 KiB).</summary>
    public static readonly ulong[] PageSetPages = Enumerable.Range(0x200, 4).Select(p => (ulong)p).ToArray();

    /// <summary>Page specs, with <paramref name="nonResident"/> starting evicted.</summary>
    public static GuestPageSpec[] Pages(IReadOnlyCollection<ulong> nonResident) =>
        GpaPages.Concat(PageSetPages).Select(p => new GuestPageSpec { Page = p, Resident = !nonResident.Contains(p) }).ToArray();

    /// <summary>The one registered set.</summary>
    public static TransferPageSetSpec[] PageSets => [new() { Id = PageSetId, Pages = PageSetPages }];
}
