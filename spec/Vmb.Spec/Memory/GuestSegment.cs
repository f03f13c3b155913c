namespace Vmb.Spec.Memory;

/// <summary>One piece of a scattered guest-memory access: <see cref="Count"/> bytes at <see cref="Offset"/> in page <see cref="Page"/>.</summary>
public readonly record struct GuestSegment(ulong Page, int Offset, int Count);

/// <summary>What <see cref="IGuestMemory.QueryPages"/> says of one page.</summary>
public enum GuestPageState : byte
{
    /// <summary>The guest does not have the page.</summary>
    Missing = 0,

    /// <summary>The page exists but is not resident now.</summary>
    NotResident = 1,

    /// <summary>The page exists and is resident now.</summary>
    Resident = 3,
}
