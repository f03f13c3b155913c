namespace Vmb.Conformance.Fields;

/// <summary>The names of the wire fields both levels generate, so their coverage tables speak of them alike.</summary>
public static class FieldNames
{
    /// <summary>The descriptor's u64 transaction id.</summary>
    public const string TransactionId = "transaction id";

    /// <summary>In-band payload bytes of a packet, against the most its ring holds.</summary>
    public const string Payload = "payload length";

    /// <summary>Ranges in a GPA-direct (0x9) packet, against the most its ring holds.</summary>
    public const string GpaRanges = "GPA ranges per packet";

    /// <summary>Ranges in a transfer-page (0x7) packet, against the most its ring holds.</summary>
    public const string TransferRanges = "transfer ranges per packet";
}
