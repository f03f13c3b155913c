namespace Vmb.Spec.Catalog;

/// <summary>
/// A property the engine checks over generated scenarios (P-n from the KMCL page, INV-* from the ring page),
/// tied to the rules it judges.
/// </summary>
/// <param name="Id">P-1 … or INV-NAME.</param>
/// <param name="Source">Which reference page lists it.</param>
/// <param name="Statement">The property in our own words.</param>
/// <param name="Rules">IDs of the requirements it judges; all present in the catalog.</param>
public sealed record CatalogProperty(string Id, string Source, string Statement, IReadOnlyList<string> Rules);
