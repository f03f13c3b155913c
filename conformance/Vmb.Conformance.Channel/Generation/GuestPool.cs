using FsCheck;
using FsCheck.Fluent;
using Vmb.Conformance.Scenarios;

namespace Vmb.Conformance.Generation;

/// <summary>
/// The guest pages one generated scenario owns: a run of GPA pages and one transfer page set, each placed anywhere in
/// the 64-bit page-number space (edges favoured, so page numbers meet 0, the top and both sides of 2^16 and 2^32).
/// </summary>
/// <param name="GpaPages">Pages GPA-direct ranges are drawn from, consecutive.</param>
/// <param name="PageSetId">The transfer page set's id.</param>
/// <param name="PageSetPages">The transfer page set's pages, consecutive and apart from <paramref name="GpaPages"/>.</param>
internal sealed record GuestPool(ulong[] GpaPages, ushort PageSetId, ulong[] PageSetPages)
{
    /// <summary>GPA pages per scenario: one range can span 2^16 bytes and more at any offset (17 pages, each once).</summary>
    public const int GpaPageCount = 18;

    /// <summary>The largest transfer page set generated (pages back real memory, so the u32 offset's 2^20 pages are out of reach).</summary>
    public const int MaxPageSetPages = 32;

    /// <summary>A pool with its pages anywhere in the page-number space and a page set of 1 to <see cref="MaxPageSetPages"/> pages.</summary>
    public static Gen<GuestPool> Generated { get; } = Generate();

    private static Gen<GuestPool> Generate()
    {
        var setSizes = Gen.Frequency((8, Gen.Constant(4)), (2, Gen.Constant(1)), (2, Gen.Choose(2, 8)), (1, Gen.Constant(16)), (2, Gen.Constant(17)), (2, Gen.Constant(MaxPageSetPages)));
        return from gpaBase in FullWidth.Value(0, ulong.MaxValue - GpaPageCount + 1)
               from setPages in setSizes
               from setBase in FullWidth.Value(0, ulong.MaxValue - (ulong)setPages + 1)
               from id in FullWidth.Value(0, ushort.MaxValue)
               select new GuestPool(Run(gpaBase, GpaPageCount), (ushort)id, Run(Apart(setBase, setPages, gpaBase), setPages));
    }

    /// <summary>Page specs, with <paramref name="nonResident"/> starting evicted.</summary>
    public GuestPageSpec[] Pages(IReadOnlyCollection<ulong> nonResident) =>
        GpaPages.Concat(PageSetPages).Select(p => new GuestPageSpec { Page = p, Resident = !nonResident.Contains(p) }).ToArray();

    /// <summary>The one registered set.</summary>
    public TransferPageSetSpec[] PageSets => [new() { Id = PageSetId, Pages = PageSetPages }];

    /// <summary>Bytes in the page set.</summary>
    public int PageSetBytes => PageSetPages.Length * Spec.Wire.WireConstants.PageSize;

    private static ulong[] Run(ulong first, int count) => Enumerable.Range(0, count).Select(i => first + (ulong)i).ToArray();

    // The set moves next to the GPA run when the two would overlap.
    private static ulong Apart(ulong setBase, int setPages, ulong gpaBase)
    {
        var overlaps = setBase < gpaBase + GpaPageCount && gpaBase < setBase + (ulong)setPages;
        return !overlaps ? setBase : gpaBase >= (ulong)setPages ? gpaBase - (ulong)setPages : gpaBase + GpaPageCount;
    }
}
