using System.Text;
using Sts.Dm.Errors;

namespace Sts.Dm.Naming;

/// <summary>
/// Device names and uuids as the kernel and libdevmapper take them. The kernel stores any bytes
/// except '/', but udev only copes with <c>[0-9A-Za-z#+-.:=@_]</c>, so libdevmapper (and
/// dmsetup, in its default "auto" mode) stores every other byte as <c>\xNN</c>. Sts does the same
/// on both backends, so a device created by dmsetup is found by the ioctl backend under the same
/// name and the other way round. Rules from lvm2's libdm/libdm-common.c (mangle_string).
/// </summary>
public static class DmNames
{
    /// <summary>Longest name the kernel stores, in bytes (DM_NAME_LEN 128 with its NUL).</summary>
    public const int MaxNameBytes = 127;

    /// <summary>Longest uuid the kernel stores, in bytes (DM_UUID_LEN 129 with its NUL).</summary>
    public const int MaxUuidBytes = 128;

    /// <summary>
    /// Checks a name the way the kernel and libdevmapper do, and returns the form the kernel
    /// stores (mangled). Names are data: nothing here is ever passed to a shell.
    /// </summary>
    /// <param name="name">The name as the user writes it, e.g. "soufflé 1".</param>
    /// <returns>The kernel's form, e.g. <c>souffl\xc3\xa9\x201</c>.</returns>
    /// <exception cref="DmNameException">Empty, containing '/' or NUL, reserved ("control", ".", ".."), containing "\x" (an already mangled form, which would list back differently) or a lone surrogate, or longer than 127 bytes before or after mangling.</exception>
    public static string ToKernelName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            throw new DmNameException(name, "A device name cannot be empty.");
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new DmNameException(name, $"Device name \"{name}\" is invalid: it contains '/' or a NUL byte.");
        }

        if (name is "control" or "." or "..")
        {
            throw new DmNameException(name, $"Device name \"{name}\" is reserved by the kernel.");
        }

        return Mangle(name, "name", MaxNameBytes);
    }

    /// <summary>Checks a uuid and returns the form the kernel stores (mangled like names).</summary>
    /// <param name="uuid">The uuid as the user writes it.</param>
    /// <returns>The kernel's form.</returns>
    /// <exception cref="DmNameException">Empty, containing NUL, "\x" or a lone surrogate, or longer than 128 bytes before or after mangling.</exception>
    public static string ToKernelUuid(string uuid)
    {
        ArgumentNullException.ThrowIfNull(uuid);
        if (uuid.Length == 0 || uuid.Contains('\0', StringComparison.Ordinal))
        {
            throw new DmNameException(uuid, "A uuid cannot be empty or contain a NUL byte.");
        }

        return Mangle(uuid, "uuid", MaxUuidBytes);
    }

    /// <summary>Turns the kernel's stored form back into the user's: every <c>\xNN</c> becomes its byte.</summary>
    /// <param name="kernelName">A name or uuid as the kernel reports it.</param>
    /// <returns>The name as the user wrote it.</returns>
    public static string FromKernelName(string kernelName)
    {
        ArgumentNullException.ThrowIfNull(kernelName);
        if (!kernelName.Contains("\\x", StringComparison.Ordinal))
        {
            return kernelName;
        }

        var input = Encoding.UTF8.GetBytes(kernelName);
        var output = new List<byte>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '\\' && i + 3 < input.Length && input[i + 1] == 'x' && IsHex(input[i + 2]) && IsHex(input[i + 3]))
            {
                output.Add((byte)((HexValue(input[i + 2]) << 4) | HexValue(input[i + 3])));
                i += 3;
            }
            else
            {
                output.Add(input[i]);
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>True for the bytes udev takes as they are.</summary>
    /// <param name="c">A byte of the UTF-8 name.</param>
    public static bool IsWhitelisted(byte c) =>
        c is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'
            or (byte)'#' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)':' or (byte)'=' or (byte)'@' or (byte)'_';

    private static string Mangle(string value, string what, int maxBytes)
    {
        // A name must list back as it was given (FromKernelName(ToKernelName(n)) == n). Text
        // that already holds "\x" would list back unescaped ("a\x2fb" as "a/b"), and a lone
        // surrogate has no UTF-8 form (it would list back as U+FFFD): both are refused. Every
        // other backslash is an ordinary byte and is stored as \x5c.
        if (value.Contains("\\x", StringComparison.Ordinal))
        {
            throw new DmNameException(value, $"The {what} \"{value}\" contains \"\\x\", the kernel form's escape: give names unmangled (Sts mangles them), or it would list back as a different name.");
        }

        byte[] input;
        try
        {
            input = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            throw new DmNameException(value, $"The {what} contains a lone surrogate (invalid UTF-16), which has no byte form the kernel could store.");
        }

        if (input.Length > maxBytes)
        {
            throw new DmNameException(value, $"The {what} \"{value}\" is {input.Length} bytes long; the kernel stores at most {maxBytes}.");
        }

        var output = new StringBuilder(input.Length);
        foreach (var b in input)
        {
            if (IsWhitelisted(b))
            {
                output.Append((char)b);
            }
            else
            {
                output.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var result = output.ToString();
        if (result.Length > maxBytes)
        {
            throw new DmNameException(value,
                $"The {what} \"{value}\" becomes {result.Length} bytes once its non-udev-safe bytes are written as \\xNN; the kernel stores at most {maxBytes}.");
        }

        return result;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
