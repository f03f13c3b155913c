namespace Vmb.Spec.Catalog;

/// <summary>
/// The requirement catalog: every rule of the contract and the properties that judge them. The file
/// spec/requirements.json is embedded in this assembly; <see cref="Load"/> reads it, <see cref="Parse"/> reads any text.
/// </summary>
public sealed class RequirementCatalog
{
    /// <summary>Logical name of the embedded catalog resource.</summary>
    public const string ResourceName = "Vmb.Spec.requirements.json";

    private readonly Dictionary<string, Requirement> _byId;

    internal RequirementCatalog(int schemaVersion, string catalogVersion, IReadOnlyList<Requirement> requirements, IReadOnlyList<CatalogProperty> properties)
    {
        SchemaVersion = schemaVersion;
        CatalogVersion = catalogVersion;
        Requirements = requirements;
        Properties = properties;
        _byId = requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>Version of the file format (stamped on reports, D21).</summary>
    public int SchemaVersion { get; }

    /// <summary>Version of the rule set (stamped on reports, D21).</summary>
    public string CatalogVersion { get; }

    /// <summary>Every requirement, in file order.</summary>
    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>Every property (P-n, INV-*), in file order.</summary>
    public IReadOnlyList<CatalogProperty> Properties { get; }

    /// <summary>The requirement with <paramref name="id"/>, or null.</summary>
    public Requirement? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads the catalog embedded in Vmb.Spec.</summary>
    /// <exception cref="CatalogFormatException">The embedded file is malformed (a build defect).</exception>
    public static RequirementCatalog Load()
    {
        using var stream = typeof(RequirementCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new CatalogFormatException(ResourceName, null, null, "the catalog resource is not embedded in Vmb.Spec");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "requirements.json");
    }

    /// <summary>Reads catalog JSON; <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="CatalogFormatException">The text is not a valid catalog; the message names entry and field.</exception>
    public static RequirementCatalog Parse(string json, string sourceName) => CatalogReader.Read(json, sourceName);
}
