using System.Globalization;
using System.Text;

namespace Sts.Tests.Kernel.Hostile;

/// <summary>The counts of one category: cases, typed errors, devices created, disagreements between the backends, time.</summary>
/// <param name="category">The category.</param>
internal sealed class HostileTally(HostileCategory category)
{
    /// <summary>The category.</summary>
    public HostileCategory Category { get; } = category;

    /// <summary>Cases run (each through both backends).</summary>
    public int Cases { get; private set; }

    /// <summary>Cases that ended as a typed error on both backends.</summary>
    public int TypedErrors { get; private set; }

    /// <summary>Cases that gave a correct device (or an answer) on both backends.</summary>
    public int Successes { get; private set; }

    /// <summary>Cases that ended differently on the two backends.</summary>
    public int Disagreements { get; private set; }

    /// <summary>Time the category took, both backends.</summary>
    public TimeSpan Elapsed { get; set; }

    /// <summary>Counts one case.</summary>
    /// <param name="ioctl">Its outcome on the ioctl backend.</param>
    /// <param name="dmsetup">Its outcome on the dmsetup backend.</param>
    /// <param name="agree">Whether they agree.</param>
    public void Add(HostileOutcome ioctl, HostileOutcome dmsetup, bool agree)
    {
        Cases++;
        if (!agree)
        {
            Disagreements++;
        }
        else if (ioctl.Succeeded)
        {
            Successes++;
        }
        else if (ioctl.Typed && dmsetup.Typed)
        {
            TypedErrors++;
        }
    }

    /// <summary>The count table of some categories, with a total line.</summary>
    /// <param name="tallies">The categories' tallies.</param>
    /// <returns>The table.</returns>
    public static string Table(IEnumerable<HostileTally> tallies)
    {
        var rows = tallies.OrderBy(t => t.Category).ToList();
        var text = new StringBuilder();
        text.AppendLine("category   cases  typed errors  devices/answers  disagreements  seconds");
        foreach (var t in rows)
        {
            text.AppendLine(Row(t.Category.ToString(), t.Cases, t.TypedErrors, t.Successes, t.Disagreements, t.Elapsed));
        }

        if (rows.Count > 1)
        {
            text.AppendLine(Row("total", rows.Sum(t => t.Cases), rows.Sum(t => t.TypedErrors), rows.Sum(t => t.Successes),
                rows.Sum(t => t.Disagreements), TimeSpan.FromTicks(rows.Sum(t => t.Elapsed.Ticks))));
        }

        return text.ToString();
    }

    private static string Row(string name, int cases, int typed, int successes, int disagreements, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-10} {cases,5}  {typed,12}  {successes,15}  {disagreements,13}  {elapsed.TotalSeconds,7:0.0}");
}
