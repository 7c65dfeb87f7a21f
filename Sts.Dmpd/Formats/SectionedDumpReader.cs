using System.Xml;

namespace Sts.Dmpd.Formats;

/// <summary>
/// The pull machinery of the dumps whose <c>&lt;superblock&gt;</c> holds sections of leaf
/// entries (cache_dump, era_dump): it reads the superblock, moves from section to section and
/// from entry to entry, and keeps which section is current and whether the document has ended.
/// The format's reader decides which sections may come, in what order, and what entries mean.
/// </summary>
/// <typeparam name="TSection">How the format names a section.</typeparam>
internal sealed class SectionedDumpReader<TSection> : IDisposable
    where TSection : struct
{
    private bool _done;

    public SectionedDumpReader(StrictXmlReader xml) => Xml = xml;

    public StrictXmlReader Xml { get; }

    /// <summary>The section started last; null before the first and after the last.</summary>
    public TSection? Section { get; private set; }

    /// <summary>True while the current section may hold more entries.</summary>
    public bool SectionOpen { get; private set; }

    /// <summary>
    /// Reads the superblock as <see cref="StrictXmlReader.ReadRootOrDispose"/> does; an empty one
    /// (<c>&lt;superblock/&gt;</c>) is the whole document.
    /// </summary>
    public void ReadSuperblock(XmlAttributeSet superblock, int blockSizeIndex, Span<ulong> numbers, Span<string?> strings) =>
        Xml.ReadRootOrDispose(superblock, blockSizeIndex, numbers, strings, out _done);

    /// <summary>
    /// Moves past the current section (whose entries the caller has read) to the next node.
    /// False at <c>&lt;/superblock&gt;</c>, once the document's end has been checked, and ever
    /// after. True leaves the reader on the node for the caller to judge: the start of a section
    /// to read and pass to <see cref="StartSection"/>, or anything else to reject.
    /// </summary>
    public bool TryMoveToSection()
    {
        if (_done)
        {
            return false;
        }

        if (Xml.Next() == XmlNodeType.EndElement)
        {
            Xml.ExpectEndOfDocument();
            _done = true;
            Section = null;
            return false;
        }

        return true;
    }

    /// <summary>Makes <paramref name="section"/> current, once the caller has read its start tag.</summary>
    public void StartSection(TSection section)
    {
        Section = section;
        SectionOpen = !Xml.IsEmptyElement;
    }

    /// <summary>
    /// Moves onto the current section's next entry, which must be <paramref name="entry"/>, and
    /// reads its attributes; the caller judges their values, then calls
    /// <see cref="StrictXmlReader.FinishLeaf"/>. False, and the section closed, at its end tag.
    /// </summary>
    /// <param name="entry">The only element the section holds.</param>
    /// <param name="sectionElement">The section's element, to name its end tag in an error; null to say "the section's end".</param>
    /// <param name="numbers">Receives the numeric attributes, as <see cref="StrictXmlReader.ReadAttributes"/> fills them.</param>
    /// <param name="strings">Receives the string attributes.</param>
    public bool TryReadEntry(XmlAttributeSet entry, string? sectionElement, Span<ulong> numbers, Span<string?> strings)
    {
        if (!SectionOpen)
        {
            return false;
        }

        if (Xml.Next() == XmlNodeType.EndElement)
        {
            SectionOpen = false;
            return false;
        }

        if (!Xml.IsAt(entry))
        {
            throw Xml.Unexpected($"<{entry.Element}> or {(sectionElement is null ? "the section's end" : $"</{sectionElement}>")}");
        }

        Xml.ReadAttributes(entry, numbers, strings);
        return true;
    }

    public void Dispose() => Xml.Dispose();
}
