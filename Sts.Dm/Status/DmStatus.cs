namespace Sts.Dm.Status;

/// <summary>
/// One target's status as <c>dmsetup status</c> prints it after "start length type". Each kind
/// formats itself back exactly as the kernel wrote it.
/// </summary>
public abstract record DmStatus
{
    /// <summary>The target type the status belongs to.</summary>
    public abstract string TargetType { get; }

    /// <summary>The status text as the kernel writes it.</summary>
    public abstract string Format();

    /// <summary>
    /// Parses a target's status text. A thin-pool's "Fail" and "Error" become a
    /// <see cref="ThinPoolStatus"/> in that mode; those of thin, cache and era become
    /// <see cref="FailedStatus"/>; types without a typed model become <see cref="GenericStatus"/>.
    /// </summary>
    /// <param name="targetType">The target type.</param>
    /// <param name="text">The status text.</param>
    /// <returns>The typed status.</returns>
    /// <exception cref="DmParseException">The text does not fit the type's status format.</exception>
    public static DmStatus Parse(string targetType, string text) => StatusParsers.Parse(targetType, text);
}
