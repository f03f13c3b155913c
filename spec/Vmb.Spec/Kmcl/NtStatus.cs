namespace Vmb.Spec.Kmcl;

/// <summary>NTSTATUS values the contract uses (ntstatus.h). Success is 0; errors have the top bits set.</summary>
public static class NtStatus
{
    /// <summary>STATUS_SUCCESS.</summary>
    public const int Success = 0x00000000;

    /// <summary>STATUS_PENDING: external data not resident yet (R-EXT-8).</summary>
    public const int Pending = 0x00000103;

    /// <summary>STATUS_BUFFER_OVERFLOW.</summary>
    public const int BufferOverflow = unchecked((int)0x80000005);

    /// <summary>STATUS_INVALID_PARAMETER_1: bad channel or wrong state (R-LIFE-2).</summary>
    public const int InvalidParameter1 = unchecked((int)0xC00000EF);

    /// <summary>STATUS_INVALID_PARAMETER_2.</summary>
    public const int InvalidParameter2 = unchecked((int)0xC00000F0);

    /// <summary>STATUS_INVALID_PARAMETER_3.</summary>
    public const int InvalidParameter3 = unchecked((int)0xC00000F1);

    /// <summary>STATUS_INVALID_PARAMETER_4.</summary>
    public const int InvalidParameter4 = unchecked((int)0xC00000F2);

    /// <summary>STATUS_CANCELLED.</summary>
    public const int Cancelled = unchecked((int)0xC0000120);

    /// <summary>STATUS_DEVICE_REMOVED.</summary>
    public const int DeviceRemoved = unchecked((int)0xC00002B6);

    /// <summary>NT_SUCCESS: severity success or informational.</summary>
    public static bool IsSuccess(int status) => status >= 0;

    /// <summary>Name of a known status, hex otherwise.</summary>
    public static string Name(int status) => status switch
    {
        Success => "STATUS_SUCCESS",
        Pending => "STATUS_PENDING",
        BufferOverflow => "STATUS_BUFFER_OVERFLOW",
        InvalidParameter1 => "STATUS_INVALID_PARAMETER_1",
        InvalidParameter2 => "STATUS_INVALID_PARAMETER_2",
        InvalidParameter3 => "STATUS_INVALID_PARAMETER_3",
        InvalidParameter4 => "STATUS_INVALID_PARAMETER_4",
        Cancelled => "STATUS_CANCELLED",
        DeviceRemoved => "STATUS_DEVICE_REMOVED",
        _ => $"0x{status:X8}",
    };
}
