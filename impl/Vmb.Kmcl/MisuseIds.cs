namespace Vmb.Kmcl;

/// <summary>The misuse rules the reference detects (D12); IDs are pre-assigned in the catalog, the text lives there.</summary>
internal static class MisuseIds
{
    public const string SecondAnswer = "R-MIS-1";
    public const string StaleHandle = "R-MIS-2";
    public const string DeferOutOfPlace = "R-MIS-3";
    public const string ExternalDataUnflagged = "R-MIS-4";
    public const string DeadView = "R-MIS-5";
    public const string WriteReadOnlyView = "R-MIS-6";
    public const string AnswerAfterPending = "R-MIS-7";
    public const string BlockingCallInCallback = "R-MIS-8";

    /// <summary>A quota of zero (R-QUO-1) is refused and reported under the rule it breaks.</summary>
    public const string ZeroQuota = "R-QUO-1";
}
