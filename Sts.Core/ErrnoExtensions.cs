using System.Runtime.InteropServices;

namespace Sts.Core;

/// <summary>Reading and describing <see cref="Errno"/> values.</summary>
public static class ErrnoExtensions
{
    /// <summary>The errno the last P/Invoke call with SetLastError left (the value of C's errno after it).</summary>
    /// <returns>The errno.</returns>
    public static Errno FromLastPInvokeError() => (Errno)Marshal.GetLastPInvokeError();

    /// <summary>The C library's text for the errno (strerror), e.g. "Device or resource busy".</summary>
    /// <param name="errno">The errno.</param>
    /// <returns>The text.</returns>
    public static string Describe(this Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno);
}
