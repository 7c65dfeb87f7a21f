using Sts.Dm.Parsing;

namespace Sts.Dm.Targets;

/// <summary>
/// delay: delays reads, and optionally writes and flushes separately
/// (Documentation/admin-guide/device-mapper/delay.rst). With only <see cref="Read"/>, every I/O
/// uses it; with <see cref="Write"/> but no <see cref="Flush"/>, flushes use the write path.
/// </summary>
public sealed record DelayTarget : DmTarget
{
    /// <summary>Creates the target.</summary>
    /// <param name="read">The read path (all I/O when no write path is given).</param>
    /// <param name="write">The write path, if separate.</param>
    /// <param name="flush">The flush path, if separate; needs a write path.</param>
    /// <exception cref="DmValidationException">The read path is missing, or a flush path is given without a write path.</exception>
    public DelayTarget(DelayPath read, DelayPath? write = null, DelayPath? flush = null)
    {
        Read = Require.NotNull(read, "read path");
        Require.That(flush is null || write is not null, "flush path", "A delay target's flush path needs a write path before it.");
        Write = write;
        Flush = flush;
    }

    /// <summary>The read path.</summary>
    public DelayPath Read { get; }

    /// <summary>The write path, if separate.</summary>
    public DelayPath? Write { get; }

    /// <summary>The flush path, if separate.</summary>
    public DelayPath? Flush { get; }

    /// <inheritdoc />
    public override string TargetType => "delay";

    /// <summary>"device offset delay [device offset delay [device offset delay]]".</summary>
    public override string FormatArguments() => Words.Join(Read, Write, Flush);

    /// <summary>Parses 3, 6 or 9 arguments.</summary>
    /// <param name="arguments">The arguments as the kernel prints them.</param>
    /// <returns>The target.</returns>
    /// <exception cref="DmParseException">The arguments do not fit.</exception>
    public static DelayTarget Parse(string arguments) =>
        ArgumentReader.Run("delay", arguments, r =>
        {
            var read = DelayPath.Read(r);
            var write = r.AtEnd ? null : DelayPath.Read(r);
            var flush = r.AtEnd ? null : DelayPath.Read(r);
            return new DelayTarget(read, write, flush);
        });
}
