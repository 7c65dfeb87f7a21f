using Sts.Core.Units;

namespace Sts.Dm.Parsing;

/// <summary>Checks shared by target and status constructors; each throws <see cref="DmValidationException"/>.</summary>
internal static class Require
{
    public static T NotNull<T>(T? value, string parameter) where T : class =>
        value ?? throw new DmValidationException(parameter, $"The {parameter} is required.");

    public static Sectors Positive(Sectors value, string parameter) =>
        value.Count > 0 ? value : throw new DmValidationException(parameter, $"The {parameter} must be more than 0 sectors.");

    public static Sectors PowerOfTwo(Sectors value, string parameter) =>
        value.Count > 0 && long.IsPow2(value.Count)
            ? value
            : throw new DmValidationException(parameter, $"The {parameter} must be a power of two sectors, not {value}.");

    public static void That(bool condition, string parameter, string message)
    {
        if (!condition)
        {
            throw new DmValidationException(parameter, message);
        }
    }

    /// <summary>A word a table can carry: non-empty, no whitespace.</summary>
    public static string Word(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value) || value.Any(char.IsWhiteSpace))
        {
            throw new DmValidationException(parameter, $"The {parameter} '{value}' must be one non-empty word without whitespace.");
        }

        return value;
    }

    public static ValueList<string> Words(ValueList<string>? values, string parameter)
    {
        NotNull(values, parameter);
        foreach (var value in values!)
        {
            Word(value, parameter);
        }

        return values!;
    }

    public static TimeSpan WholeMilliseconds(TimeSpan value, string parameter) =>
        value >= TimeSpan.Zero && value.Ticks % TimeSpan.TicksPerMillisecond == 0 && value.TotalMilliseconds <= uint.MaxValue
            ? value
            : throw new DmValidationException(parameter, $"The {parameter} must be a whole, non-negative number of milliseconds, not {value}.");

    public static TimeSpan WholeSeconds(TimeSpan value, string parameter) =>
        value >= TimeSpan.Zero && value.Ticks % TimeSpan.TicksPerSecond == 0 && value.TotalSeconds <= uint.MaxValue
            ? value
            : throw new DmValidationException(parameter, $"The {parameter} must be a whole, non-negative number of seconds, not {value}.");
}
