using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace InvestBot.Common.Documents;

/// <summary>One cell of a document table; <paramref name="RowSpan"/> &gt; 1 merges it down (the rows below omit that column).</summary>
public sealed record DocCell(string Text, int RowSpan = 1, bool Bold = false);

/// <summary>
/// A Word document laid out as a government notice (GB/T 9704 conventions): A4, margins 37/35/28/26 mm, the title in
/// 小标宋 (2号, 22pt) centred, the body in 仿宋 3号 (16pt) with a two-character first-line indent at a fixed 28pt line,
/// level-one headings in 黑体, page numbers “— n —” in the footer (odd pages right, even pages left). Tables too wide for
/// a portrait page go into a landscape section at the end (附表). Font names are the ones Chinese offices have, with
/// alternatives in the font table (仿宋_GB2312 → 仿宋 → FangSong/STFangsong) so Word and LibreOffice find one.
/// </summary>
public sealed class OfficialDocument(string title, string issuer, DateOnly date)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string BodyFont = "仿宋_GB2312";
    private const string TitleFont = "方正小标宋简体";
    private const string HeadingFont = "黑体";
    private const string TableFont = "仿宋_GB2312";
    // A4 in twentieths of a point, and the GB/T 9704 margins (37 top, 35 bottom, 28 left, 26 right mm).
    private const int PageWidth = 11906, PageHeight = 16838;
    private const int Top = 2098, Bottom = 1984, Left = 1587, Right = 1474;

    private readonly List<Action<Body>> _portrait = [];
    private readonly List<Action<Body>> _landscape = [];

    /// <summary>A red mark above the title, e.g. 【更正】.</summary>
    public string? Mark { get; init; }

    /// <summary>The addressee line under the header (呈报…), or null.</summary>
    public string? Addressee { get; init; }

    public OfficialDocument Heading(string text)
    {
        _portrait.Add(b => b.Append(Para(text, HeadingFont, 32, indent: true)));
        return this;
    }

    public OfficialDocument Paragraph(string text, bool bold = false, string? color = null)
    {
        _portrait.Add(b => b.Append(Para(text, BodyFont, 32, indent: true, bold: bold, color: color)));
        return this;
    }

    /// <summary>A table in the portrait part (a few columns).</summary>
    public OfficialDocument Table(string caption, IReadOnlyList<int> widths, IReadOnlyList<IReadOnlyList<DocCell>> header,
        IReadOnlyList<IReadOnlyList<DocCell>> rows)
    {
        _portrait.Add(b =>
        {
            b.Append(Para(caption, HeadingFont, 28, center: true));
            b.Append(BuildTable(widths, PageWidth - Left - Right, header, rows, 24));
        });
        return this;
    }

    /// <summary>A wide table in the landscape 附表 section at the end.</summary>
    public OfficialDocument Annex(string caption, IReadOnlyList<int> widths, IReadOnlyList<IReadOnlyList<DocCell>> header,
        IReadOnlyList<IReadOnlyList<DocCell>> rows, string? note = null)
    {
        _landscape.Add(b =>
        {
            b.Append(Para(caption, HeadingFont, 28, center: true));
            if (note is not null) b.Append(Para(note, BodyFont, 21, center: true));
            b.Append(BuildTable(widths, PageHeight - Top - Bottom, header, rows, 18));
            b.Append(Para("", BodyFont, 21));
        });
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body());
            AddFonts(main);
            AddSettings(main);
            var (odd, even) = AddFooters(main);
            var body = main.Document.Body!;

            if (Mark is not null) body.Append(Para(Mark, TitleFont, 32, center: true, color: "C00000", bold: true));
            body.Append(Para(title, TitleFont, 44, center: true, lineTwips: 700));
            body.Append(Para($"{issuer}　　{date.Year}年{date.Month}月{date.Day}日", BodyFont, 32, center: true));
            if (Addressee is not null) body.Append(Para(Addressee, BodyFont, 32));
            foreach (var add in _portrait) add(body);
            body.Append(Para("", BodyFont, 32));
            body.Append(Para(issuer, BodyFont, 32, right: true));
            body.Append(Para($"{date.Year}年{date.Month}月{date.Day}日", BodyFont, 32, right: true));

            if (_landscape.Count > 0)
            {
                // The portrait section ends here; its properties sit in the last paragraph of the section.
                body.Append(new Paragraph(new ParagraphProperties(Section(odd, even, landscape: false))));
                foreach (var add in _landscape) add(body);
                body.Append(Section(odd, even, landscape: true));
            }
            else
            {
                body.Append(Section(odd, even, landscape: false));
            }
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static SectionProperties Section(string oddFooter, string evenFooter, bool landscape)
    {
        var size = landscape
            ? new PageSize { Width = PageHeight, Height = PageWidth, Orient = PageOrientationValues.Landscape }
            : new PageSize { Width = PageWidth, Height = PageHeight };
        return new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
            new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
            size,
            landscape
                ? new PageMargin { Top = Left, Bottom = Right, Left = Top, Right = Bottom, Footer = 992, Header = 851 }
                : new PageMargin { Top = Top, Bottom = Bottom, Left = (uint)Left, Right = (uint)Right, Footer = 992, Header = 851 });
    }

    private static Paragraph Para(string text, string font, int halfPoints, bool indent = false, bool center = false, bool right = false,
        bool bold = false, string? color = null, int lineTwips = 560)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Line = lineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact, Before = "0", After = "0" });
        if (indent) props.Append(new Indentation { FirstLineChars = 200, FirstLine = (halfPoints * 20).ToString() });
        if (center) props.Append(new Justification { Val = JustificationValues.Center });
        else if (right) props.Append(new Justification { Val = JustificationValues.Right });
        else props.Append(new Justification { Val = JustificationValues.Both });
        var paragraph = new Paragraph(props);
        // One run per line: Word shows "\n" inside a run's text as a space.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = new Run(RunProps(font, halfPoints, bold, color));
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            paragraph.Append(run);
        }
        return paragraph;
    }

    private static RunProperties RunProps(string font, int halfPoints, bool bold, string? color)
    {
        var props = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        if (bold) props.Append(new Bold());
        if (color is not null) props.Append(new Color { Val = color });
        props.Append(new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        return props;
    }

    private static Table BuildTable(IReadOnlyList<int> widths, int available, IReadOnlyList<IReadOnlyList<DocCell>> header,
        IReadOnlyList<IReadOnlyList<DocCell>> rows, int halfPoints)
    {
        var total = widths.Sum();
        var twips = widths.Select(w => available * w / total).ToList();
        var border = () => new BorderType[]
        {
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
        };
        var table = new Table(new TableProperties(
            new TableWidth { Width = available.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(border()),
            new TableJustification { Val = TableRowAlignmentValues.Center }));
        table.Append(new TableGrid(twips.Select(t => new GridColumn { Width = t.ToString() })));
        AppendRows(table, twips, header, halfPoints, isHeader: true);
        AppendRows(table, twips, rows, halfPoints, isHeader: false);
        return table;
    }

    /// <summary>Rows whose cells may span down: a column still covered by a cell above gets a continuing merged cell.</summary>
    private static void AppendRows(Table table, List<int> twips, IReadOnlyList<IReadOnlyList<DocCell>> rows, int halfPoints, bool isHeader)
    {
        var covered = new int[twips.Count];
        foreach (var cells in rows)
        {
            var row = new TableRow();
            var rowProps = new TableRowProperties(new CantSplit());
            if (isHeader) rowProps.Append(new TableHeader());
            row.Append(rowProps);
            var next = 0;
            for (var col = 0; col < twips.Count; col++)
            {
                var props = new TableCellProperties(new TableCellWidth { Width = twips[col].ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
                if (covered[col] > 0)
                {
                    covered[col]--;
                    props.Append(new VerticalMerge { Val = MergedCellValues.Continue });
                    row.Append(new TableCell(props, new Paragraph()));
                    continue;
                }
                var cell = next < cells.Count ? cells[next++] : new DocCell("");
                if (cell.RowSpan > 1)
                {
                    covered[col] = cell.RowSpan - 1;
                    props.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                }
                var paragraph = new Paragraph(new ParagraphProperties(
                    new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto, Before = "0", After = "0" },
                    new Justification { Val = JustificationValues.Center }));
                var lines = cell.Text.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                {
                    var run = new Run(RunProps(TableFont, halfPoints, cell.Bold || isHeader, null));
                    if (i > 0) run.Append(new Break());
                    run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
                    paragraph.Append(run);
                }
                row.Append(new TableCell(props, paragraph));
            }
            table.Append(row);
        }
    }

    private static (string Odd, string Even) AddFooters(MainDocumentPart main)
    {
        string Add(JustificationValues side)
        {
            var part = main.AddNewPart<FooterPart>();
            var font = "宋体";
            Run Plain(string t) => new(RunProps(font, 28, false, null), new Text(t) { Space = SpaceProcessingModeValues.Preserve });
            part.Footer = new Footer(new Paragraph(
                new ParagraphProperties(new Justification { Val = side }),
                Plain("— "),
                new Run(RunProps(font, 28, false, null), new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(RunProps(font, 28, false, null), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(RunProps(font, 28, false, null), new FieldChar { FieldCharType = FieldCharValues.Separate }),
                Plain("1"),
                new Run(RunProps(font, 28, false, null), new FieldChar { FieldCharType = FieldCharValues.End }),
                Plain(" —")));
            part.Footer.Save();
            return main.GetIdOfPart(part);
        }
        return (Add(JustificationValues.Right), Add(JustificationValues.Left));
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        // Odd pages number at the right, even at the left (GB/T 9704 7.5).
        part.Settings = new Settings(new EvenAndOddHeaders());
        part.Settings.Save();
    }

    /// <summary>The fonts with an alternative each: a machine without 仿宋_GB2312 uses 仿宋 (FangSong), and so on.</summary>
    private static void AddFonts(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        Font Entry(string name, string alt) => new(
            new AltName { Val = alt },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = FontFamilyValues.Modern },
            new Pitch { Val = FontPitchValues.Fixed }) { Name = name };
        part.Fonts = new Fonts(
            Entry(BodyFont, "仿宋"),
            Entry("仿宋", "FangSong"),
            Entry("FangSong", "STFangsong"),
            Entry(TitleFont, "宋体"),
            Entry(HeadingFont, "SimHei"),
            Entry("宋体", "SimSun"));
        part.Fonts.Save();
    }
}
