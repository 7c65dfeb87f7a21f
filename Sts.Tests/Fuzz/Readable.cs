using System.Collections;
using System.Reflection;

namespace Sts.Tests.Fuzz;

/// <summary>
/// "Accepted ⇒ readable": reads every public property of a parsed value, recursively, and
/// enumerates its sequences (the first items only: a range may stand for 2^64 blocks), so a
/// derived property that throws after a successful parse is found.
/// </summary>
internal static class Readable
{
    private const int MaxDepth = 5;
    private const int MaxItems = 64;

    /// <summary>Reads everything; returns the first failure as text, or null.</summary>
    public static string? Check(object? value) => Visit(value, "value", 0);

    private static string? Visit(object? value, string path, int depth)
    {
        if (value is null || depth > MaxDepth || value is string || value.GetType().IsPrimitive || value is decimal or Enum or Type)
        {
            return null;
        }

        _ = value.ToString();
        if (value is IEnumerable sequence)
        {
            var i = 0;
            try
            {
                foreach (var item in sequence)
                {
                    if (Visit(item, $"{path}[{i}]", depth + 1) is { } failure)
                    {
                        return failure;
                    }

                    if (++i >= MaxItems)
                    {
                        break;
                    }
                }
            }
            catch (Exception e)
            {
                return $"enumerating {path} threw {e.GetType().Name}: {e.Message}";
            }
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.Name == "EqualityContract")
            {
                continue;
            }

            object? read;
            try
            {
                read = property.GetValue(value);
            }
            catch (TargetInvocationException e)
            {
                var inner = e.InnerException!;
                return $"{path}.{property.Name} threw {inner.GetType().Name}: {inner.Message}";
            }

            if (Visit(read, $"{path}.{property.Name}", depth + 1) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }
}
