namespace Vmb.Conformance.Generation;

/// <summary>Knobs of the scenario generator; the defaults are the suite's main property.</summary>
internal sealed record GeneratorSettings
{
    /// <summary>Most packets one scenario writes.</summary>
    public int MaxPackets { get; init; } = 10;

    /// <summary>One packet per scenario gets a misuse probe (only used when the implementation declares MisuseDetection).</summary>
    public bool MisuseProbes { get; init; }

    /// <summary>With <see cref="MisuseProbes"/>: the probe to give when some packet can carry it (otherwise any).</summary>
    public Scenarios.PolicyKind? Probe { get; init; }

    /// <summary>Transaction ids drawn from {0…3}, so duplicates and 0 occur (D8's separate property).</summary>
    public bool DuplicateTransactionIds { get; init; }

    /// <summary>A long scenario: the number of packets, drawn from this range whatever the generator size.</summary>
    public (int Least, int Most)? PacketRange { get; init; }

    /// <summary>Run on the threaded environment (stress).</summary>
    public bool Threaded { get; init; }
}
