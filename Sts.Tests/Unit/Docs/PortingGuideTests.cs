using System.Reflection;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;

namespace Sts.Tests.Unit.Docs;

/// <summary>
/// docs/porting.md cannot drift from the code: every Sts type and member its tables name (in
/// backticks in the Sts column) exists, and every test it names (Test column) is a test method
/// of this assembly. The guide also covers every upstream item this test knows must be there.
/// </summary>
public sealed partial class PortingGuideTests
{
    private static readonly Assembly[] StsAssemblies =
    [
        typeof(Sts.Core.Devices.BlockDevice).Assembly,
        typeof(Sts.Dm.Devices.DmDevice).Assembly,
        typeof(Sts.Dmpd.Tools.DmpdToolSet).Assembly,
        typeof(Sts.Fixtures.Stacks.DeviceStack).Assembly,
    ];

    private static readonly string GuidePath = Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "porting.md");

    [Test]
    public void Every_sts_type_and_member_the_guide_names_exists()
    {
        var rows = Rows();
        rows.Should().HaveCountGreaterThan(100);
        var types = StsAssemblies.SelectMany(a => a.GetExportedTypes()).ToLookup(t => StripArity(t.Name));
        var missing = new List<string>();
        foreach (var row in rows)
        {
            foreach (var reference in CodeSpans(row.Sts))
            {
                var parts = reference.Split('.');
                var typeMatches = types[parts[0]].ToList();
                if (typeMatches.Count == 0)
                {
                    missing.Add($"{row.Upstream}: type {parts[0]}");
                }
                else if (parts.Length == 2 && !typeMatches.Any(t => HasMember(t, parts[1])))
                {
                    missing.Add($"{row.Upstream}: member {reference}");
                }
            }
        }

        missing.Should().BeEmpty("the guide names only what exists");
    }

    [Test]
    public void Every_test_the_guide_names_exists_and_every_row_names_one()
    {
        var tests = typeof(PortingGuideTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var rows = Rows();
        var missing = new List<string>();
        foreach (var row in rows)
        {
            var named = CodeSpans(row.Test).ToList();
            if (named.Count == 0)
            {
                missing.Add($"{row.Upstream}: no test named");
            }

            missing.AddRange(named.Where(test => !tests.Contains(test)).Select(test => $"{row.Upstream}: {test}"));
        }

        missing.Should().BeEmpty();
    }

    [TestCase("DmDevice.get_all")]
    [TestCase("DmDevice.get_by_name")]
    [TestCase("DmDevice.suspend")]
    [TestCase("DmDevice.wipe_table")]
    [TestCase("ThinPoolDevice.create_thin")]
    [TestCase("VdoDevice.parse_status")]
    [TestCase("get_help")]
    [TestCase("era_restore")]
    [TestCase("DmTask.get_deps")]
    [TestCase("dmpy.DmStats")]
    [TestCase("DM_DEVICE_CREATE")]
    [TestCase("DM_DEVICE_RELOAD")]
    [TestCase("DM_DEVICE_REMOVE")]
    [TestCase("DM_DEVICE_REMOVE_ALL")]
    [TestCase("DM_DEVICE_SUSPEND")]
    [TestCase("DM_DEVICE_RESUME")]
    [TestCase("DM_DEVICE_INFO")]
    [TestCase("DM_DEVICE_DEPS")]
    [TestCase("DM_DEVICE_RENAME")]
    [TestCase("DM_DEVICE_VERSION")]
    [TestCase("DM_DEVICE_STATUS")]
    [TestCase("DM_DEVICE_TABLE")]
    [TestCase("DM_DEVICE_WAITEVENT")]
    [TestCase("DM_DEVICE_LIST")]
    [TestCase("DM_DEVICE_CLEAR")]
    [TestCase("DM_DEVICE_MKNODES")]
    [TestCase("DM_DEVICE_LIST_VERSIONS")]
    [TestCase("DM_DEVICE_TARGET_MSG")]
    [TestCase("DM_DEVICE_SET_GEOMETRY")]
    [TestCase("DM_DEVICE_GET_TARGET_VERSION")]
    [TestCase("DM_DEVICE_ARM_POLL")]
    public void The_guide_has_a_row_for(string upstream) =>
        Rows().Should().Contain(r => r.Upstream.Contains($"`{upstream}", StringComparison.Ordinal));

    private static bool HasMember(Type type, string name) =>
        type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy).Length > 0
        || type.GetInterfaces().Any(i => i.GetMember(name).Length > 0);

    private static string StripArity(string name) => name.Split('`')[0];

    /// <summary>The backticked references of a cell, with generic arguments and call parentheses dropped; "—" and prose are ignored.</summary>
    private static IEnumerable<string> CodeSpans(string cell) =>
        CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)
            .Select(s => Generic().Replace(s, "").Replace("()", "", StringComparison.Ordinal))
            .Where(s => Reference().IsMatch(s));

    private static List<Row> Rows()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(GuidePath))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("| Upstream", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Trim('|').Split(" | ");
            cells.Should().HaveCount(4, $"each row has Upstream, Sts, Example and Test: {line}");
            rows.Add(new Row(cells[0].Trim(), cells[1].Trim(), cells[3].Trim()));
        }

        return rows;
    }

    private sealed record Row(string Upstream, string Sts, string Test);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Generic();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex Reference();
}
