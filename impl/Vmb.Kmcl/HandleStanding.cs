namespace Vmb.Kmcl;

/// <summary>Where the presentation a token names stands now; decided under the channel's lock.</summary>
internal enum HandleStanding
{
    /// <summary>The packet's current presentation, not answered: the one handle that may answer it.</summary>
    Live,

    /// <summary>Completed or failed through this presentation (R-MIS-1 for another answer).</summary>
    Answered,

    /// <summary>Defer or PENDING handed the packet to a later presentation with a new token (R-MIS-2).</summary>
    Superseded,

    /// <summary>
    /// Ended so many presentations of its slot ago that how is no longer kept; treated as answered, which it
    /// almost always was. Still never live.
    /// </summary>
    Forgotten,

    /// <summary>A token this channel never issued.</summary>
    Unknown,
}
