using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;

namespace Sts.Tests.Unit.Layout;

/// <summary>
/// One public type per file in the library projects (STYLE.md, guideline 1): a type is found
/// by its file's name. Top-level declarations are those at the start of a line, which file-scoped
/// namespaces guarantee, so a block-scoped namespace is refused too.
/// </summary>
public sealed partial class OnePublicTypePerFileTests
{
    [Test]
    public void Every_library_file_declares_at_most_one_public_top_level_type()
    {
        var crowded = SourceTree.CSharpFiles(SourceTree.LibraryProjects)
            .Select(file => (File: file, Types: PublicTopLevelTypes(SourceTree.Read(file))))
            .Where(f => f.Types.Count > 1)
            .Select(f => $"{f.File}: {string.Join(", ", f.Types)}")
            .ToList();

        crowded.Should().BeEmpty("each public type has a file of its own name; these files hold several: {0}", string.Join("; ", crowded));
    }

    [Test]
    public void Library_files_use_file_scoped_namespaces()
    {
        var blocks = SourceTree.CSharpFiles(SourceTree.LibraryProjects)
            .Where(file => BlockNamespace().IsMatch(SourceTree.Read(file)))
            .ToList();

        blocks.Should().BeEmpty("a file-scoped namespace keeps top-level types at the start of a line, which this rule reads: {0}", string.Join(", ", blocks));
    }

    [Test]
    public void The_rule_finds_every_kind_of_public_type_and_no_nested_or_internal_one()
    {
        const string Text = """
            namespace X;

            /// <summary>doc</summary>
            public sealed record A(int B);
            public static partial class C
            {
                public sealed class Nested { }
            }
            public readonly record struct D(int E);
            public enum F { G }
            public interface IH { }
            public delegate void I();
            internal sealed class J { }
            public abstract class K<T> { }
            """;

        PublicTopLevelTypes(Text).Should().Equal("A", "C", "D", "F", "IH", "I", "K");
    }

    private static List<string> PublicTopLevelTypes(string text) =>
        TopLevelPublicType().Matches(text).Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^public\s+(?:(?:sealed|static|abstract|partial|readonly|unsafe|ref|record)\s+)*(?:class|struct|interface|enum|record|delegate\s+\S+)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelPublicType();

    [GeneratedRegex(@"^\s*namespace\s+[\w.]+\s*(?:\r?\n\s*)?\{", RegexOptions.Multiline)]
    private static partial Regex BlockNamespace();
}
