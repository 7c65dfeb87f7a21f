namespace Sts.Dm.Stats;

/// <summary>The rules for the free-text words dm-stats stores: program ids and aux data.</summary>
internal static class DmStatsWords
{
    /// <summary>
    /// A program id or aux data word. The kernel splits messages at whitespace and takes '\' as an
    /// escape (dm_split_args), and @stats_list prints the stored word unescaped after the program
    /// id; a word with whitespace would come back as two, and one that reads like the list's own
    /// trailing flags (precise_timestamps, histogram:...) would be taken for them. Such words are
    /// refused, so whatever Sts stores lists back exactly.
    /// </summary>
    public static string Check(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new DmValidationException(parameter, $"The dm-stats {parameter} must not be empty (use null for none).");
        }

        if (value == "-")
        {
            throw new DmValidationException(parameter, $"The dm-stats {parameter} '-' is the kernel's word for none: use null.");
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            throw new DmValidationException(parameter,
                $"The dm-stats {parameter} '{value}' must be one word without whitespace, control characters or '\\': @stats_list prints it unescaped.");
        }

        if (IsListFlag(value))
        {
            throw new DmValidationException(parameter,
                $"The dm-stats {parameter} '{value}' reads like a flag of @stats_list (precise_timestamps, histogram:...) and would not list back.");
        }

        return value;
    }

    public static bool IsListFlag(string word) =>
        word.Equals("precise_timestamps", StringComparison.OrdinalIgnoreCase) || word.StartsWith("histogram:", StringComparison.OrdinalIgnoreCase);
}
